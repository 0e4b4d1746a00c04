// The walkthrough follows the seed article: sign in (or the sandbox) → find the registry → create the
// endpoint → check name resolution → fix a missing record → disable public access → verify from a VM.
// Each step completes when its real command runs, and every button and link in it starts a command
// the extension contributes; every page and picture it shows is a file the package carries.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

const root = path.resolve(__dirname, '..', '..', '..');

interface Step {
  id: string;
  title: string;
  description: string;
  completionEvents?: string[];
  media: { markdown?: string; svg?: string; image?: string | Record<string, string>; altText?: string };
}
interface Manifest {
  contributes: { commands: { command: string }[]; walkthroughs: { id: string; title: string; steps: Step[] }[] };
}

/** The manifest as VS Code reads it in a display language: each "%key%" replaced by its text in package.nls(.<locale>).json. */
function localizedManifest(nlsFile: string): Manifest {
  const nls = JSON.parse(fs.readFileSync(path.join(root, nlsFile), 'utf8')) as Record<string, string>;
  return JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8').replace(/"%([^%"]+)%"/g, (all, key: string) => (nls[key] !== undefined ? JSON.stringify(nls[key]) : all))) as Manifest;
}

const manifest = localizedManifest('package.nls.json');
const manifestZhTw = localizedManifest('package.nls.zh-tw.json');
const commands = new Set(manifest.contributes.commands.map((c) => c.command));
const walkthrough = manifest.contributes.walkthroughs[0]!;
const steps = walkthrough.steps;
const stepsZhTw = manifestZhTw.contributes.walkthroughs[0]!.steps;
/** Both languages' steps: the pages and pictures of each are checked alike. */
const allSteps = [...steps, ...stepsZhTw];

function mediaFiles(step: Step): string[] {
  const { markdown, svg, image } = step.media;
  return [markdown, svg, ...(typeof image === 'string' ? [image] : Object.values(image ?? {}))].filter((f): f is string => f !== undefined);
}

/** `command:` links of Markdown, by their command id (arguments after `?` dropped). */
function commandLinks(markdown: string): string[] {
  return [...markdown.matchAll(/\]\(command:([\w.-]+)/g)].map((m) => m[1]!);
}

void describe('the walkthrough', () => {
  void it('has the seed article\'s steps in its order', () => {
    assert.equal(manifest.contributes.walkthroughs.length, 1);
    assert.deepEqual(
      steps.map((s) => s.id),
      ['signIn', 'findRegistry', 'createEndpoint', 'checkResolution', 'fixRecord', 'disablePublicAccess', 'verifyFromVm'],
    );
  });

  void it('completes each step on one of the extension\'s own commands, and every command it waits for exists', () => {
    for (const step of steps) {
      const onCommand = (step.completionEvents ?? []).filter((e) => e.startsWith('onCommand:')).map((e) => e.slice('onCommand:'.length));
      assert.ok(onCommand.length > 0, `${step.id} completes on no command`);
      assert.deepEqual(onCommand.filter((c) => !commands.has(c)), [], `${step.id} waits for commands package.json does not contribute`);
    }
  });

  void it('offers in each step a button that runs one of the commands the step completes on', () => {
    for (const step of steps) {
      const buttons = commandLinks(step.description);
      assert.ok(buttons.some((b) => step.completionEvents?.includes(`onCommand:${b}`)), `${step.id}: its buttons (${buttons.join(', ')}) do not complete it`);
    }
  });

  void it('links only to contributed commands, in its descriptions and in its Markdown pages (English and zh-TW)', () => {
    for (const step of allSteps) {
      const pages = mediaFiles(step).filter((f) => f.endsWith('.md')).map((f) => fs.readFileSync(path.join(root, f), 'utf8'));
      const links = [step.description, ...pages].flatMap(commandLinks);
      assert.deepEqual(links.filter((c) => !commands.has(c)), [], `${step.id} links to commands package.json does not contribute`);
    }
  });

  void it('shows only media that exist, with a text alternative for every picture (English and zh-TW)', () => {
    for (const step of allSteps) {
      const files = mediaFiles(step);
      assert.equal(files.length, 1, `${step.id} shows one page or picture`);
      for (const file of files) {
        assert.ok(fs.statSync(path.join(root, file)).isFile(), `${file} of ${step.id} does not exist`);
        assert.match(file, /^media\/walkthrough\/(zh-tw\/)?[\w-]+\.(md|svg)$/, `${file}: the package carries media/walkthrough/*.md and *.svg, and their zh-TW versions in media/walkthrough/zh-tw/`);
        if (!file.endsWith('.md')) assert.ok(step.media.altText, `${step.id}: the picture has no altText`);
      }
      // A Markdown page's own pictures and relative links would be files the package does not carry.
      for (const page of files.filter((f) => f.endsWith('.md'))) {
        const relative = [...fs.readFileSync(path.join(root, page), 'utf8').matchAll(/\]\((?![a-z][\w+.-]*:|#)([^)\s]+)\)/gi)].map((m) => m[1]);
        assert.deepEqual(relative, [], `${page} links to files`);
      }
    }
  });

  void it('shows in zh-TW its own page or picture for every step: the English one\'s counterpart in media/walkthrough/zh-tw/, with the same buttons', () => {
    for (const [en, zh] of steps.map((s, i) => [s, stepsZhTw[i]!] as const)) {
      const [enFile] = mediaFiles(en);
      const [zhFile] = mediaFiles(zh);
      assert.equal(zhFile, enFile!.replace('media/walkthrough/', 'media/walkthrough/zh-tw/'), `${en.id}: package.nls.zh-tw.json names the zh-TW page or picture`);
      const links = (file: string) => commandLinks(fs.readFileSync(path.join(root, file), 'utf8')).sort();
      assert.deepEqual(links(zhFile!), links(enFile!), `${zhFile} links to the commands ${enFile} links to`);
      // Its words are Chinese: no run of five English words left (names, other products' commands
      // such as Remote-SSH: Connect to Host…, and code stay as they are).
      const prose = fs.readFileSync(path.join(root, zhFile!), 'utf8').replace(/```[\s\S]*?```|`[^`]*`|<[^>]*>/g, '');
      assert.doesNotMatch(prose, /\b[A-Za-z']+(?: [A-Za-z']+){4,}\b/, `${zhFile} has English sentences left`);
    }
  });

  void it('has pictures that are well-formed SVG which take the theme\'s colours', () => {
    for (const file of allSteps.flatMap(mediaFiles).filter((f) => f.endsWith('.svg'))) {
      const svg = fs.readFileSync(path.join(root, file), 'utf8');
      assert.match(svg, /^<svg [^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"[^>]*viewBox="/, file);
      assert.match(svg, /<title[^>]*>[^<]+<\/title>/, `${file} has a title for screen readers`);
      assert.match(svg, /var\(--vscode-foreground/, `${file} draws its text in the theme's foreground colour`);
      assert.doesNotMatch(svg, /<script|\bon\w+=|href="(?!#)/i, `${file} holds no script or outside reference`);
      // The workbench shows it in a page whose Content Security Policy refuses styles without its nonce.
      assert.doesNotMatch(svg, /<style|\sstyle=/, `${file}: colours go in attributes (fill="var(--vscode-…)"), not in styles`);
      assert.ok(Buffer.byteLength(svg) < 16 * 1024, `${file} stays small`);
    }
  });
});

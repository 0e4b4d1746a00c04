// The form's layout, adopted as a constructed style sheet (the page's CSP allows no inline styles).
// Colours come only from VS Code's theme variables, so light, dark and high contrast themes work.
const css = `
.form { max-width: 720px; }
fieldset { border: 1px solid var(--vscode-widget-border, var(--vscode-panel-border, transparent)); padding: 8px 16px 12px; margin: 16px 0; min-width: 0; }
legend { font-weight: 600; padding: 0 4px; }
.field { display: flex; flex-direction: column; gap: 2px; margin: 10px 0; }
/* A field never grows past the editor group: a long option (subscription names and ids) is cut with an ellipsis inside the drop-down, not the page. */
.field { min-width: 0; }
.field vscode-textfield, .field vscode-single-select, .field vscode-textarea { width: 100%; min-width: 0; max-width: 100%; box-sizing: border-box; }
@media (max-width: 480px) { fieldset { padding: 6px 8px 10px; } body { padding-left: 12px; padding-right: 12px; } }
.field-error { color: var(--vscode-errorForeground); min-height: 0; font-size: 0.92em; }
.field-note { color: var(--vscode-descriptionForeground); font-size: 0.92em; }
.row { display: flex; gap: 8px; flex-wrap: wrap; align-items: center; margin: 16px 0; }
.banner { border-left: 3px solid var(--vscode-errorForeground); padding: 6px 10px; background: var(--vscode-inputValidation-errorBackground, transparent); }
#run-status:focus-visible { outline: 1px solid var(--vscode-focusBorder); outline-offset: 2px; }
.steps { list-style: none; padding: 0; }
.steps li { display: flex; gap: 8px; align-items: baseline; margin: 4px 0; }
.status { min-width: 6.5em; font-weight: 600; }
.status-succeeded { color: var(--vscode-testing-iconPassed, var(--vscode-foreground)); }
.status-failed { color: var(--vscode-errorForeground); }
.status-running vscode-progress-ring { width: 14px; height: 14px; }
table.records { border-collapse: collapse; margin: 12px 0; }
table.records th, table.records td { text-align: left; padding: 4px 10px 4px 0; vertical-align: top; border-bottom: 1px solid var(--vscode-widget-border, transparent); }
.state-matches { color: var(--vscode-testing-iconPassed, var(--vscode-foreground)); }
.state-add { color: var(--vscode-editorWarning-foreground, var(--vscode-foreground)); }
pre.export { background: var(--vscode-textCodeBlock-background); padding: 8px; overflow-x: auto; }
[hidden] { display: none !important; }
`;

export function adoptStyles(): void {
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(css);
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
}

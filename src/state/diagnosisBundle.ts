// dist/diagnosis.js: the diagnosis engine and the registry store's use of it, required on first use (the first
// registry whose details the tree reads; src/session/lazyBundles.ts). dist/panels.js requires this
// bundle too for every import of src/diagnosis/index, so the engine is loaded once (esbuild.js).
export * from '../diagnosis/index';
export { diagnoseRegistry } from './diagnoseRegistry';

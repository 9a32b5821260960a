// V8's explicit compile hint (Chrome 136+): `//# allFunctionsCalledOnLoad` as a script's first line
// makes V8 compile all of its functions while the script streams in, on a background thread. Without
// it, each module factory of a webpack chunk is compiled on the main thread when first required,
// inside the page's load tasks (issue 14: 110–240 ms of a cold /en load's main thread at 1× CPU, in
// webpack's require). Only the chunks a page loads before it hydrates get it: nearly all of their
// functions run on load. Chunks loaded later (the playground's editor) stay lazy, as V8 advises for code that may
// never run. Other engines read a comment.
const HINT = '//# allFunctionsCalledOnLoad\n'
const NAME = 'CompileHintsPlugin'

export class CompileHintsPlugin {
  /** @param {import('webpack').Compiler} compiler */
  apply(compiler) {
    const { Compilation, sources } = compiler.webpack
    compiler.hooks.thisCompilation.tap(NAME, (compilation) => {
      compilation.hooks.processAssets.tap(
        // After minification (which would drop the comment), before the real content hashes.
        { name: NAME, stage: Compilation.PROCESS_ASSETS_STAGE_OPTIMIZE_SIZE + 1 },
        () => {
          for (const chunk of compilation.chunks) {
            if (!chunk.canBeInitial()) continue
            for (const file of chunk.files) {
              if (!file.endsWith('.js')) continue
              compilation.updateAsset(file, (source) => new sources.ConcatSource(HINT, source))
            }
          }
        },
      )
    })
  }
}

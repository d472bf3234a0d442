// dt-sql-parser's ES modules import folders and files without extensions, as a
// bundler allows and Node does not: resolve them to index.js / *.js.
export async function resolve(specifier, context, nextResolve) {
    try {
        return await nextResolve(specifier, context);
    } catch (error) {
        if (error.code !== 'ERR_UNSUPPORTED_DIR_IMPORT' && error.code !== 'ERR_MODULE_NOT_FOUND')
            throw error;
        for (const suffix of ['/index.js', '.js']) {
            try {
                return await nextResolve(specifier + suffix, context);
            } catch {
                // next suffix
            }
        }
        throw error;
    }
}

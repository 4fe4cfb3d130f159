"""The static files storage outside DEBUG: WhiteNoise's compressed, hashed manifest, with the
ES module imports between our scripts rewritten too.

chat.js imports "./frames.js"; served as chat.<hash>.js, that import must name frames.<hash>.js,
so that a new frames.js changes chat.js's hash as well and no browser keeps a stale pair.
Django rewrites `import … from "./x.js";` only when this flag is on (off by default)."""

from whitenoise.storage import CompressedManifestStaticFilesStorage


class ModuleAwareManifestStorage(CompressedManifestStaticFilesStorage):
    support_js_module_import_aggregation = True

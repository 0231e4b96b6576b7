"""Static files in production: whitenoise's compressed manifest storage, each file's URL worked out once per process.

Every page names five to ten static files (base.html's stylesheets and scripts, a form's own); each ``{% static %}``
looked the name up in the manifest and built the URL again (~0.1 ms each on the loaded machine). The manifest is
read once when the process starts and never changes under it, so neither does the URL of a name.
"""

from whitenoise.storage import CompressedManifestStaticFilesStorage


class StaticFilesStorage(CompressedManifestStaticFilesStorage):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._urls: dict[str, str] = {}

    def url(self, name, force=False):
        if force:
            return super().url(name, force)
        found = self._urls.get(name)
        if found is None:
            found = self._urls[name] = super().url(name)
        return found

"""Private files: evidence, photos, attachments and generated reports, never reachable by a URL.

They live on local disk under ``PRIVATE_MEDIA_ROOT/<subdir>`` (the default) or,
when ``PRIVATE_STORAGE = "s3"``, in an S3-compatible object store (a bucket of
the province's own, e.g. SeaweedFS or MinIO on the intranet) under
``<subdir>/``, so that several web and worker machines share them. Either way
files leave only through permission-checked views that stream them
(``FileResponse``); no storage hands out a URL.
"""

import functools
import os
import tempfile
import uuid
from collections.abc import Callable
from pathlib import Path

from django.conf import settings
from django.core.files import File
from django.core.files.storage import FileSystemStorage, Storage
from storages.backends.s3 import S3Storage

NO_URL = "私有文件没有网址，只能经权限检查的下载页面取得。"


class PrivateDiskStorage(FileSystemStorage):
    def __init__(self, root: str, subdir: str):
        super().__init__(location=os.path.join(root, subdir))

    @property
    def base_url(self):
        return None

    def url(self, name):
        raise ValueError(NO_URL)


class PrivateS3Storage(S3Storage):
    def url(self, name, parameters=None, expire=None, http_method=None):
        raise ValueError(NO_URL)


@functools.cache
def _backend(subdir: str, kind: str, root: str, s3_options: tuple) -> Storage:
    if kind == "s3":
        return PrivateS3Storage(location=subdir, default_acl=None, file_overwrite=False, **dict(s3_options))
    return PrivateDiskStorage(root, subdir)


class PrivateStorage(Storage):
    """The private storage of one kind of file, following the settings in force at each use.

    Model fields name a module-level callable returning one of these, so
    migrations record no machine's path or bucket, and a changed setting
    (tests, a deployment moving to object storage) is honoured.
    """

    def __init__(self, subdir: str):
        self.subdir = subdir

    @property
    def backend(self) -> Storage:
        options = tuple(sorted(settings.PRIVATE_S3.items())) if settings.PRIVATE_STORAGE == "s3" else ()
        return _backend(self.subdir, settings.PRIVATE_STORAGE, str(settings.PRIVATE_MEDIA_ROOT), options)

    @property
    def local_root(self) -> Path | None:
        """The folder on disk that holds these files, or None in an object store."""
        backend = self.backend
        return Path(backend.location) if isinstance(backend, FileSystemStorage) else None

    def _open(self, name, mode="rb"):
        return self.backend._open(name, mode)

    def _save(self, name, content):
        return self.backend._save(name, content)

    def get_available_name(self, name, max_length=None):
        return self.backend.get_available_name(name, max_length=max_length)

    def delete(self, name):
        return self.backend.delete(name)

    def exists(self, name):
        return self.backend.exists(name)

    def size(self, name):
        return self.backend.size(name)

    def listdir(self, path):
        return self.backend.listdir(path)

    def get_modified_time(self, name):
        return self.backend.get_modified_time(name)

    def path(self, name):
        return self.backend.path(name)

    def url(self, name):
        raise ValueError(NO_URL)


def write_atomically(path: Path, writer: Callable[[Path], None]) -> None:
    """Write through a temporary file in the same directory and rename: a reader never sees half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{uuid.uuid4().hex}.part")
    try:
        writer(temporary)
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)


def write_generated_file(storage: PrivateStorage, name: str, writer: Callable[[Path], None]) -> None:
    """Store a file that ``writer(path)`` produces under ``name``, replacing any earlier one, never half-written.

    On disk it is written beside its place and renamed; in an object store it
    is written to a local temporary file first and uploaded whole (an object
    appears only when its upload completes).
    """
    root = storage.local_root
    if root is not None:
        write_atomically(root / name, writer)
        return
    with tempfile.TemporaryDirectory() as folder:
        local = Path(folder) / Path(name).name
        writer(local)
        storage.delete(name)
        with local.open("rb") as handle:
            storage.backend._save(name, File(handle))

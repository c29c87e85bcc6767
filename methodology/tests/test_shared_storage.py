"""Evidence on an S3-compatible bucket shared by every machine (MEDIA_STORAGE=s3): uploaded
through the page, kept private in the bucket, read back only through the permission-checked
view. The bucket is moto's standalone S3 server, a real HTTP endpoint on this machine
(S3 lies outside the platform)."""

from __future__ import annotations

import socket
import subprocess
import sys
import time

import boto3
import pytest
import requests
from django.core.files.uploadedfile import SimpleUploadedFile

from core.testing import signed_in

BUCKET = "alianza-uploads"


@pytest.fixture(scope="module")
def s3_endpoint():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = subprocess.Popen(
        [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            requests.get(url, timeout=1)
            break
        except requests.ConnectionError:
            if time.monotonic() > deadline:
                server.kill()
                raise
            time.sleep(0.2)
    yield url
    server.terminate()
    server.wait(timeout=10)


@pytest.fixture
def bucket(s3_endpoint, settings):
    client = boto3.client(
        "s3", endpoint_url=s3_endpoint, aws_access_key_id="test", aws_secret_access_key="test", region_name="us-east-1"
    )
    client.create_bucket(Bucket=BUCKET)
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": BUCKET,
                "endpoint_url": s3_endpoint,
                "region_name": "us-east-1",
                "access_key": "test",
                "secret_key": "test",
                "location": "media",
                "default_acl": "private",
                "file_overwrite": False,
                "querystring_auth": True,
                "querystring_expire": 60,
            },
        },
    }
    return client


def test_evidence_goes_to_the_bucket_and_comes_back_only_through_the_view(client, bucket, task, mia, charlie):
    pdf = SimpleUploadedFile("minutes.pdf", b"%PDF-1.4 minutes of the trust-building meeting")
    assert signed_in(client, mia).post(f"/tasks/{task.pk}/evidence/", {"file": pdf}).status_code == 302
    evidence = task.evidence.get()
    keys = [item["Key"] for item in bucket.list_objects_v2(Bucket=BUCKET)["Contents"]]
    assert keys == [f"media/{evidence.file.name}"]
    # Private in the bucket: no anonymous read.
    plain = f"{bucket.meta.endpoint_url}/{BUCKET}/media/{evidence.file.name}"
    assert requests.get(plain, timeout=5).status_code == 403
    download = client.get(f"/evidence/{evidence.pk}/")
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == b"%PDF-1.4 minutes of the trust-building meeting"
    assert download["Content-Disposition"].startswith("attachment;")
    assert signed_in(client, charlie).get(f"/evidence/{evidence.pk}/").status_code == 404


def test_two_uploads_of_one_name_keep_both(client, bucket, task, mia):
    signed_in(client, mia)
    for text in (b"%PDF-1.4 first", b"%PDF-1.4 second"):
        client.post(f"/tasks/{task.pk}/evidence/", {"file": SimpleUploadedFile("minutes.pdf", text)})
    first, second = task.evidence.order_by("pk")
    assert first.file.name != second.file.name
    assert first.file.open("rb").read() == b"%PDF-1.4 first"

"""The STORAGES entries for S3-compatible object storage, built from the ARCHIVE_S3_* environment variables by
config/settings/base.py. No Django imports: settings load this before Django is set up."""

from urllib.parse import urlsplit


def s3_storages(*, endpoint_url: str, bucket: str, private_bucket: str, access_key: str, secret_key: str,
                region: str, prefix: str, url_seconds: int) -> dict:
    """"default" (public derivatives) and "private" (originals, evidence, imports) on django-storages' S3 backend.

    Objects are private in both buckets (no ACL is set): visitors only ever get presigned addresses, made by the
    media view after the access policy. Without a separate private bucket the private files go under `private/`
    in the same bucket, which nothing ever signs an address for.
    """
    common = {
        "endpoint_url": endpoint_url or None,
        "access_key": access_key or None,
        "secret_key": secret_key or None,
        "region_name": region or None,
        "default_acl": None,
        "querystring_auth": True,
        "querystring_expire": url_seconds,
        "file_overwrite": False,
        "addressing_style": "path" if endpoint_url else None,
        "signature_version": "s3v4",
        # A file opened for reading is downloaded whole first: past 8 MiB it goes to a temporary file, not memory.
        "max_memory_size": 8 * 1024 * 1024,
        "transfer_config": transfer_config(),
    }
    prefix = prefix.strip("/")
    private_location = prefix if private_bucket else "/".join(filter(None, [prefix, "private"]))
    return {
        "default": {"BACKEND": "storages.backends.s3.S3Storage",
                    "OPTIONS": {**common, "bucket_name": bucket, "location": prefix}},
        "private": {"BACKEND": "storages.backends.s3.S3Storage",
                    "OPTIONS": {**common, "bucket_name": private_bucket or bucket, "location": private_location}},
    }


def transfer_config():
    """How boto3 moves large files: 8 MiB parts, four at a time, so memory stays bounded whatever the size."""
    from boto3.s3.transfer import TransferConfig

    return TransferConfig(multipart_threshold=8 * 1024 * 1024, multipart_chunksize=8 * 1024 * 1024,
                          max_concurrency=4)


def s3_origin(*, endpoint_url: str, bucket: str, region: str) -> str:
    """Where browsers fetch presigned derivatives from, for the Content-Security-Policy."""
    if endpoint_url:
        parts = urlsplit(endpoint_url)
        return f"{parts.scheme}://{parts.netloc}"
    return f"https://{bucket}.s3.{region or 'us-east-1'}.amazonaws.com"

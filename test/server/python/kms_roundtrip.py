"""boto3 against kms-fake's server: the calls an application makes, and the exceptions it catches.

Usage: AWS_ENDPOINT_URL_KMS=ENDPOINT python3 kms_roundtrip.py ENDPOINT REGION
Prints one JSON object on stdout for boto3.test.ts to assert on. Credentials come from the
environment (dummy ones: the server never checks the secret).
"""
import json
import sys

import boto3

endpoint, region = sys.argv[1], sys.argv[2]
client = boto3.client("kms", endpoint_url=endpoint, region_name=region)

key = client.create_key(Description="made by boto3")["KeyMetadata"]
key_id = key["KeyId"]
encrypted = client.encrypt(KeyId=key_id, Plaintext=b"hello from boto3", EncryptionContext={"app": "boto3"})
decrypted = client.decrypt(CiphertextBlob=encrypted["CiphertextBlob"], EncryptionContext={"app": "boto3"})

client.disable_key(KeyId=key_id)
try:
    client.encrypt(KeyId=key_id, Plaintext=b"refused")
    disabled = None
except client.exceptions.DisabledException as error:
    disabled = {"code": error.response["Error"]["Code"], "message": error.response["Error"]["Message"]}

try:
    client.describe_key(KeyId="alias/does-not-exist")
    not_found = None
except client.exceptions.NotFoundException as error:
    not_found = {"code": error.response["Error"]["Code"], "message": error.response["Error"]["Message"]}

# A client given no endpoint: botocore reads AWS_ENDPOINT_URL_KMS from the environment.
from_env = boto3.client("kms", region_name=region)
keys_seen_from_env = [k["KeyId"] for k in from_env.list_keys()["Keys"]]

print(json.dumps({
    "keyId": key_id,
    "arn": key["Arn"],
    "ciphertext": encrypted["CiphertextBlob"].hex(),
    "plaintext": decrypted["Plaintext"].decode(),
    "decryptedWith": decrypted["KeyId"],
    "disabled": disabled,
    "notFound": not_found,
    "keysSeenFromEnv": keys_seen_from_env,
}))

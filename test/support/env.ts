// A faked client must never need credentials or instance metadata. These guards make a
// mistake fail fast instead of reaching for the network.
process.env.AWS_EC2_METADATA_DISABLED = 'true';
for (const name of ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_PROFILE', 'AWS_MAX_ATTEMPTS', 'AWS_RETRY_MODE']) {
  delete process.env[name];
}
// The SDK warns once per process that its 2027 releases need Node 22; it is noise in test output.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
// No profile files either: a faked client must not depend on the developer's ~/.aws.
process.env.AWS_SHARED_CREDENTIALS_FILE = '/nonexistent/kms-fake/credentials';
process.env.AWS_CONFIG_FILE = '/nonexistent/kms-fake/config';

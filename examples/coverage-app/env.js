// Test-environment guards an adopter would have anyway: no credentials, no profile files and
// no EC2 metadata probe. A faked client needs none of them; this makes any mistake fail fast.
process.env.AWS_EC2_METADATA_DISABLED = 'true';
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
process.env.AWS_SHARED_CREDENTIALS_FILE = '/nonexistent/credentials';
process.env.AWS_CONFIG_FILE = '/nonexistent/config';
for (const name of ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_PROFILE']) delete process.env[name];

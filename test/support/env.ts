// A faked client must never need credentials or instance metadata. These guards make a
// mistake fail fast instead of reaching for the network.
process.env.AWS_EC2_METADATA_DISABLED = 'true';
for (const name of ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_PROFILE', 'AWS_MAX_ATTEMPTS', 'AWS_RETRY_MODE']) {
  delete process.env[name];
}

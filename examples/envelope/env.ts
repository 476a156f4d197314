// Imported before the SDK (imports are hoisted): the SDK reads these when it loads and when a
// client resolves its config, and the demo must never warn about Node or probe EC2 metadata.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
process.env.AWS_EC2_METADATA_DISABLED = 'true';

export {};

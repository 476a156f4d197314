declare const thresholds: Readonly<Record<string, readonly string[]>>;
export = thresholds;

/**
 * Declarative input shapes: what each operation accepts, as data. The backend declares them
 * beside each operation (from the KMS service model and API Reference); `protocol/validate.ts`
 * is the one engine that decodes and checks a request against them.
 * @internal
 */
interface Common {
  required?: boolean;
  /**
   * The SDK model marks the member sensitive (passwords, plaintexts, messages, XKS credentials):
   * AWS never repeats its value, so neither do validation messages (test/fidelity/sensitiveMarks
   * checks these marks against the SDK's own log filters).
   */
  sensitive?: true;
}

export interface StringShape extends Common {
  type: 'string';
  min?: number;
  max?: number;
  pattern?: RegExp;
  enum?: readonly string[];
}

export interface IntegerShape extends Common {
  type: 'integer';
  min?: number;
  max?: number;
}

export interface BooleanShape extends Common {
  type: 'boolean';
}

/** Base64 on the wire, `Uint8Array` in the backend. */
export interface BlobShape extends Common {
  type: 'blob';
  min?: number;
  max?: number;
}

/** Epoch seconds on the wire (as the SDK sends them), `Date` in the backend. */
export interface TimestampShape extends Common {
  type: 'timestamp';
}

export interface ListShape extends Common {
  type: 'list';
  member: Shape;
  min?: number;
  max?: number;
}

export interface MapShape extends Common {
  type: 'map';
  key: StringShape;
  value: Shape;
  min?: number;
  max?: number;
}

export interface StructureShape extends Common {
  type: 'structure';
  members: Readonly<Record<string, Shape>>;
}

export type Shape =
  | StringShape
  | IntegerShape
  | BooleanShape
  | BlobShape
  | TimestampShape
  | ListShape
  | MapShape
  | StructureShape;

/** The input of one operation: its top-level members. */
export type InputShape = Readonly<Record<string, Shape>>;

// ---------------------------------------------------------------------------------------------
// Hand-written part (wasm-pkg/types/api.d.ts): Standard Schema, results and functions.

/** Standard Schema v1 (https://standardschema.dev), copied as the spec recommends. */
export interface StandardSchemaV1<Input = unknown, Output = Input> {
  readonly "~standard": StandardSchemaV1.Props<Input, Output>;
}
export declare namespace StandardSchemaV1 {
  interface Props<Input = unknown, Output = Input> {
    readonly version: 1;
    readonly vendor: string;
    readonly validate: (value: unknown) => Result<Output> | Promise<Result<Output>>;
    readonly types?: Types<Input, Output> | undefined;
  }
  type Result<Output> = SuccessResult<Output> | FailureResult;
  interface SuccessResult<Output> {
    readonly value: Output;
    readonly issues?: undefined;
  }
  interface FailureResult {
    readonly issues: ReadonlyArray<Issue>;
  }
  interface Issue {
    readonly message: string;
    readonly path?: ReadonlyArray<PropertyKey | PathSegment> | undefined;
  }
  interface PathSegment {
    readonly key: PropertyKey;
  }
  interface Types<Input = unknown, Output = Input> {
    readonly input: Input;
    readonly output: Output;
  }
  type InferInput<Schema extends StandardSchemaV1> = NonNullable<Schema["~standard"]["types"]>["input"];
  type InferOutput<Schema extends StandardSchemaV1> = NonNullable<Schema["~standard"]["types"]>["output"];
}

/** An operation id such as `"v3.customers.create"`. */
export type OperationId = keyof OperationBodies;

/** A path into a payload: keys and array indexes, e.g. `[0, "addresses", 1, "postal_code"]`. */
export type IssuePath = (string | number)[];

/** One problem: `code` is the stable contract, `message` never contains the rejected value. */
export interface Issue {
  message: string;
  path: IssuePath;
  code: string;
}

/**
 * A Standard Schema result: `{ value }` (the body to send, read-only fields removed) or
 * `{ issues }`. Never thrown.
 */
export type Result<T> =
  | { readonly value: T; readonly issues?: undefined }
  | { readonly issues: Issue[]; readonly value?: undefined };

/** Errors and warnings (e.g. `read_only`, `unknown_field`); `value` when there are no errors. */
export interface Report<T> {
  errors: Issue[];
  warnings: Issue[];
  value?: T;
}

/** The `~standard` property of an operation's schema: synchronous, never throws. */
export interface OperationSchemaProps<T> extends StandardSchemaV1.Props<T> {
  readonly vendor: "bc-customers";
  readonly validate: (value: unknown) => Result<T>;
}

/** The Standard Schema v1 validator of one operation's body. */
export interface OperationSchema<Id extends OperationId> extends StandardSchemaV1<OperationBodies[Id]> {
  readonly operationId: Id;
  readonly "~standard": OperationSchemaProps<OperationBodies[Id]>;
}

/** Standard Schema v1 validators keyed by operation id. */
export declare const schemas: { readonly [Id in OperationId]: OperationSchema<Id> };

/** Named exports of `schemas` (see `OPERATIONS` for the naming rule). */
export declare const customerCreate: OperationSchema<"v3.customers.create">;
export declare const customerUpdate: OperationSchema<"v3.customers.update">;
export declare const addressCreate: OperationSchema<"v3.addresses.create">;
export declare const addressUpdate: OperationSchema<"v3.addresses.update">;
export declare const attributeCreate: OperationSchema<"v3.attributes.create">;
export declare const attributeUpdate: OperationSchema<"v3.attributes.update">;
export declare const attributeValueUpsert: OperationSchema<"v3.attribute_values.upsert">;
export declare const formFieldValueUpsert: OperationSchema<"v3.form_field_values.upsert">;
export declare const consentUpdate: OperationSchema<"v3.consent.update">;
export declare const settingsUpdate: OperationSchema<"v3.settings.update">;
export declare const channelSettingsUpdate: OperationSchema<"v3.channel_settings.update">;
export declare const credentialsValidate: OperationSchema<"v3.credentials.validate">;
export declare const subscriberCreate: OperationSchema<"v3.subscribers.create">;
export declare const subscriberUpdate: OperationSchema<"v3.subscribers.update">;
export declare const v2CustomerCreate: OperationSchema<"v2.customers.create">;
export declare const v2CustomerUpdate: OperationSchema<"v2.customers.update">;
export declare const v2AddressCreate: OperationSchema<"v2.addresses.create">;
export declare const v2AddressUpdate: OperationSchema<"v2.addresses.update">;
export declare const v2CustomerGroupCreate: OperationSchema<"v2.customer_groups.create">;
export declare const v2CustomerGroupUpdate: OperationSchema<"v2.customer_groups.update">;

/**
 * Operation id -> named export. V3: singular resource + verb in camelCase
 * (`v3.attribute_values.upsert` -> `attributeValueUpsert`); V2: the same with a `v2` prefix.
 */
export declare const OPERATIONS: { readonly [Id in OperationId]: string };

/** Bodies longer than this (UTF-16 code units) are refused with `too_large`. */
export declare const MAX_BODY_LENGTH: number;

/** Validates a JavaScript value. Never throws. */
export declare function validate<Id extends OperationId>(operationId: Id, value: unknown): Result<OperationBodies[Id]>;
/** Validates a body that is already JSON text (the fast path for request bodies). Never throws. */
export declare function validateJson<Id extends OperationId>(operationId: Id, text: string): Result<OperationBodies[Id]>;
/** Like `validate`, with warnings. Never throws. */
export declare function validateReport<Id extends OperationId>(operationId: Id, value: unknown): Report<OperationBodies[Id]>;
/** Like `validateJson`, with warnings. Never throws. */
export declare function validateJsonReport<Id extends OperationId>(operationId: Id, text: string): Report<OperationBodies[Id]>;
/** The operation ids the wasm module knows. */
export declare function operationIds(): string[];

/** An assigned ISO 3166-1 country, for address forms. */
export interface Country {
  readonly code: string;
  readonly name: string;
  /** Addresses in this country need `state_or_province` (V3) / `state` (V2). */
  readonly requiresState: boolean;
  /** Addresses in this country need a postal code. */
  readonly requiresPostalCode: boolean;
}
/** Every assigned country, as the validator knows them. */
export declare function countries(): readonly Country[];

/** Thrown by mapping and JWT functions: `code` is stable; `issues` lists mapping problems. */
export declare class BcCustomersError extends Error {
  readonly name: "BcCustomersError";
  readonly code: string;
  readonly issues: Issue[];
}

/** A value mapped to the other API; `lost` lists source paths not (fully) carried over. */
export interface Mapped<T> {
  value: T;
  lost: IssuePath[];
}
/** A V3 customer as mapping reads and writes it (request or response fields). */
export type V3Customer = Partial<CustomerCreate> & Record<string, unknown>;
/** A V2 customer as mapping reads and writes it. */
export type V2Customer = Partial<V2CustomerCreate> & Record<string, unknown>;
/** A V3 address as mapping reads and writes it. */
export type V3Address = Partial<AddressCreate> & Record<string, unknown>;
/** A V2 address as mapping reads and writes it. */
export type V2Address = Partial<V2AddressCreate> & Record<string, unknown>;

/** Throws `BcCustomersError` (`invalid_date`, `password_mismatch`, ...) when it cannot be mapped. */
export declare function v2ToV3Customer(customer: V2Customer): Mapped<V3Customer>;
/** Throws `BcCustomersError` when it cannot be mapped. */
export declare function v3ToV2Customer(customer: V3Customer): Mapped<V2Customer>;
/** Throws `BcCustomersError` (`unknown_country`, ...) when it cannot be mapped. */
export declare function v2ToV3Address(address: V2Address): Mapped<V3Address>;
/** Throws `BcCustomersError` (`missing_phone`, `unknown_country`, ...) when it cannot be mapped. */
export declare function v3ToV2Address(address: V3Address): Mapped<V2Address>;

/** The writes that can be planned in batches. */
export type BatchOperation =
  | "v3.customers.create"
  | "v3.customers.update"
  | "v3.attribute_values.upsert"
  | "v3.addresses.create"
  | "v3.addresses.update";

/** One call of a plan: `indexes[k]` is the input index of `body[k]`. */
export interface PlannedCall<T> {
  method: "POST" | "PUT";
  path: string;
  body: T[];
  indexes: number[];
}
/** The calls to make, in input order; `issues`/`leftOut` say which records were left out and why. */
export interface BatchPlan<Op extends BatchOperation> {
  operation: Op;
  /** How many calls may be in flight at once. */
  concurrency: number;
  calls: PlannedCall<OperationBodies[Op][number]>[];
  issues: Issue[];
  leftOut: number[];
}
/** Plans the V3 calls for any number of records (default operation `v3.customers.create`). Never throws. */
export declare function planCustomerBatches<Op extends BatchOperation = "v3.customers.create">(
  records: readonly unknown[],
  options?: { operation?: Op },
): BatchPlan<Op>;

type List<T> = T | readonly T[];
/** `field`, `field:min`, `field:max` date filters (`2024-05-14` or an ISO 8601 date-time). */
type DateFilters<F extends string> = { [K in F | `${F}:min` | `${F}:max`]?: string };

/** Parameters of each list or delete filter, keyed by BigCommerce's own parameter names. */
export interface QueryParams {
  "v3.customers": {
    "id:in"?: List<number>;
    "email:in"?: List<string>;
    "name:in"?: List<string>;
    "name:like"?: List<string>;
    "company:in"?: List<string>;
    "customer_group_id:in"?: List<number>;
    "phone:in"?: List<string>;
    "registration_ip_address:in"?: List<string>;
    include?: List<"addresses" | "storecredit" | "attributes" | "formfields" | "shopper_profile_id" | "segment_ids">;
    sort?: string;
    page?: number;
    limit?: number;
    before?: string;
    after?: string;
  } & DateFilters<"date_created" | "date_modified">;
  "v3.customers.delete": { "id:in": List<number> };
  "v3.addresses": {
    "id:in"?: List<number>;
    "customer_id:in"?: List<number>;
    "company:in"?: List<string>;
    "name:in"?: List<string>;
    include?: List<"formfields">;
    page?: number;
    limit?: number;
  };
  "v3.addresses.delete": { "id:in": List<number> };
  "v3.attributes": {
    name?: string;
    "name:like"?: string;
    type?: "string" | "number" | "date";
    page?: number;
    limit?: number;
  } & DateFilters<"date_created" | "date_modified">;
  "v3.attribute_values": {
    "customer_id:in"?: List<number>;
    "attribute_id:in"?: List<number>;
    name?: string;
    page?: number;
    limit?: number;
  } & DateFilters<"date_created" | "date_modified">;
  "v3.form_field_values": {
    customer_id?: number;
    address_id?: number;
    field_name?: string;
    field_type?: "checkboxes" | "date" | "multiline" | "numbers" | "password" | "radiobuttons" | "text" | "picklist";
    page?: number;
    limit?: number;
    before?: string;
    after?: string;
  };
  "v3.subscribers": {
    email?: string;
    first_name?: string;
    last_name?: string;
    source?: string;
    order_id?: number;
    id?: number;
    "id:in"?: List<number>;
    page?: number;
    limit?: number;
  } & DateFilters<"date_created" | "date_modified">;
  "v3.subscribers.delete": {
    email?: string;
    first_name?: string;
    last_name?: string;
    source?: string;
    order_id?: number;
    date_created?: string;
    date_modified?: string;
  };
  "v2.customers": {
    first_name?: string;
    last_name?: string;
    company?: string;
    email?: string;
    phone?: string;
    store_credit?: string;
    customer_group_id?: number;
    min_id?: number;
    max_id?: number;
    /** RFC 2822 (`Tue, 14 May 2024 09:34:00 +0000`) or Unix seconds; same for the other V2 dates. */
    min_date_created?: string | number;
    max_date_created?: string | number;
    min_date_modified?: string | number;
    max_date_modified?: string | number;
    tax_exempt_category?: string;
    page?: number;
    limit?: number;
  };
  "v2.customer_groups": {
    name?: string;
    "name:like"?: string;
    is_default?: boolean;
    is_group_for_guests?: boolean;
    page?: number;
    limit?: number;
  } & DateFilters<"date_created" | "date_modified">;
}
/** A resource a query can be built for. */
export type QueryResource = keyof QueryParams;
/**
 * The query string (without `?`) for a list or delete filter, or the issues
 * (`unknown_parameter`, `invalid_parameter`, `conflicting_parameters`, `empty_filter`). Never throws.
 */
export declare function buildQuery<R extends QueryResource>(
  resource: R,
  params?: QueryParams[R],
): { query: string; issues?: undefined } | { issues: Issue[]; query?: undefined };

/**
 * Options of a Customer Login URL. Server-side only (Node, Workers): the client secret must
 * never reach a browser.
 */
export interface CustomerLoginOptions {
  clientId: string;
  clientSecret: string;
  storeHash: string;
  customerId: number;
  /** `https://…` (or `http://localhost…` in development). */
  storefrontUrl: string;
  /** A path starting with a single `/`, e.g. `/account.php`. */
  redirectTo?: string;
  channelId?: number;
  /** Login is refused from any other IP. */
  requestIp?: string;
  enablePersistentCart?: boolean;
  /** Unix seconds; default the current time. */
  now?: number;
  /** Unique token id; default `crypto.randomUUID()`. */
  jti?: string;
}
/** `{storefrontUrl}/login/token/{jwt}`; throws `BcCustomersError` with a `code`. Server-side only. */
export declare function createCustomerLoginUrl(options: CustomerLoginOptions): string;

/** Options to verify a Current Customer JWT. Server-side only. */
export interface VerifyOptions {
  clientSecret: string;
  /** The token's `aud` must equal it. */
  clientId: string;
  /** When given, `sub` and `store_hash` must equal it. */
  storeHash?: string;
  /** Unix seconds; default the current time. */
  now?: number;
  /** Allowed clock skew in seconds (at most 300); default 0. */
  leeway?: number;
}
/** A verified Current Customer token. */
export interface VerifiedCustomer {
  customer: { id: number; email: string; groupId: number | null };
  claims: {
    issuer: string;
    subject: string;
    audience: string;
    issuedAt: number;
    expiresAt: number;
    version: number | null;
    applicationId: string | null;
    storeHash: string;
  };
}
/**
 * Verifies a Current Customer JWT; throws `BcCustomersError` with a stable `code`
 * (`malformed`, `unsupported_alg`, `bad_signature`, `expired`, `not_yet_valid`,
 * `wrong_audience`, `wrong_issuer`, `wrong_operation`, `wrong_store`, `missing_claim`,
 * `invalid_key`, `invalid_options`). Server-side only.
 */
export declare function verifyCurrentCustomerToken(token: string, options: VerifyOptions): VerifiedCustomer;

/** What an `EdgeClient` call resolves to: the `data` of the edge's answer, or issues. */
export type EdgeResult<T> =
  | { readonly value: T; readonly issues?: undefined }
  | {
      readonly issues: readonly Issue[];
      /** The edge's HTTP status; absent when nothing was sent (invalid input) or no answer came. */
      readonly status?: number;
      readonly value?: undefined;
    };

/** The public fields `POST /signup` answers for the created customer. */
export interface SignedUpCustomer {
  id: number;
  email: string;
  first_name: string;
  last_name: string;
}

/** Options of `new EdgeClient`. */
export interface EdgeClientOptions {
  /** A server key or the shopper's Current Customer JWT, sent as `Authorization: Bearer`. */
  token?: string;
}

/**
 * A browser client for the bc-customers edge (Rust over `gloo-net`). Each call validates its
 * input first and sends nothing when it is invalid; it never rejects: invalid input and the
 * edge's 422 come back as `issues` (the edge's own codes), other failures as one issue
 * `http_<status>` (with `status`) or `network_error`.
 */
export declare class EdgeClient {
  /** `baseUrl` without a trailing slash, e.g. `"https://edge.example.com"` or `""` (this origin). */
  constructor(baseUrl: string, options?: EdgeClientOptions);
  /** `POST /v3/customers/subscribers`, validated as `v3.subscribers.create`. */
  subscribe(body: SubscriberCreate): Promise<EdgeResult<Record<string, unknown> & { id: number; email: string }>>;
  /** `POST /signup` with one customer, validated as `v3.customers.create`; issue paths are relative to it. */
  signUp(customer: CustomerCreate): Promise<EdgeResult<SignedUpCustomer>>;
  /** `GET /me`: the logged-in shopper's own record (needs a shopper token). */
  getMe(): Promise<EdgeResult<Record<string, unknown> & { id: number; email: string }>>;
  /** `PUT /me`: changes the shopper's own record (the edge allows only the fields a shopper may change). */
  updateMe(patch: Omit<CustomerUpdate, "id">): Promise<EdgeResult<Record<string, unknown> & { id: number; email: string }>>;
  /** Frees the wasm memory of this client. */
  free(): void;
}

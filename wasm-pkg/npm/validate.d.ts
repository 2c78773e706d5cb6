// `bc-customers/validate`: the validation part of the package over a smaller wasm module.
export type {
  StandardSchemaV1, OperationId, OperationBodies, IssuePath, Issue, Result, Report, OperationSchema,
  OperationSchemaProps, Country,
} from "./index.js";
export {
  schemas, validate, validateJson, validateReport, validateJsonReport, countries, operationIds,
  MAX_BODY_LENGTH, OPERATIONS,
  customerCreate, customerUpdate, addressCreate, addressUpdate, attributeCreate, attributeUpdate,
  attributeValueUpsert, formFieldValueUpsert, consentUpdate, settingsUpdate, channelSettingsUpdate,
  credentialsValidate, subscriberCreate, subscriberUpdate, v2CustomerCreate, v2CustomerUpdate,
  v2AddressCreate, v2AddressUpdate, v2CustomerGroupCreate, v2CustomerGroupUpdate,
} from "./index.js";

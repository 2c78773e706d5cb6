// `bc-customers/validate`: validation only, over the smaller wasm module (for forms in browsers).
import * as raw from "./bc_customers_validate.js";
import { bindValidation, MAX_BODY_LENGTH, OPERATIONS } from "./validation.js";

export { MAX_BODY_LENGTH, OPERATIONS };

export const {
  schemas, validate, validateJson, validateReport, validateJsonReport, countries, operationIds,
  customerCreate, customerUpdate, addressCreate, addressUpdate, attributeCreate, attributeUpdate,
  attributeValueUpsert, formFieldValueUpsert, consentUpdate, settingsUpdate, channelSettingsUpdate,
  credentialsValidate, subscriberCreate, subscriberUpdate, v2CustomerCreate, v2CustomerUpdate,
  v2AddressCreate, v2AddressUpdate, v2CustomerGroupCreate, v2CustomerGroupUpdate,
} = bindValidation(raw);

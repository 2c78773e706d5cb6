//! V2 API schemas

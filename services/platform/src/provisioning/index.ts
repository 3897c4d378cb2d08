export {
  provisionTopics,
  topicConfigs,
  type ConfigChange,
  type ProvisioningLogger,
  type ProvisionTopicsOptions,
  type TopicProvisioningSpec,
  type TopicProvisioningSummary,
} from './topics.js';
export {
  registerSchemas,
  REQUIRED_COMPATIBILITY,
  SchemaRegistryError,
  type RegisterSchemasOptions,
  type SchemaRegistrationSummary,
  type SchemaSubject,
} from './schemas.js';

// The REST API's read models as generated from openapi/openapi.json into
// clients/typescript/ordergate.d.ts (`make sdk`): the console reads responses through these,
// never through shapes of its own, so a contract change that breaks a page fails `tsc`.
import type { components } from '../../../clients/typescript/ordergate';

type Schemas = components['schemas'];

export type Me = Schemas['Me'];
export type ShopAccess = Schemas['ShopAccess'];
export type ExportJob = Schemas['Export'];
export type ExportPage = Schemas['ExportPage'];
export type WebhookEndpoint = Schemas['WebhookEndpoint'];
export type WebhookEndpointPage = Schemas['WebhookEndpointPage'];
export type WebhookEndpointWithSecret = Schemas['WebhookEndpointWithSecret'];
export type WebhookDelivery = Schemas['WebhookDelivery'];
export type WebhookDeliveryPage = Schemas['WebhookDeliveryPage'];
export type WebhookStats = Schemas['WebhookStats'];
export type AuditEntry = Schemas['AuditEntry'];
export type AuditEntryPage = Schemas['AuditEntryPage'];
export type StaffMember = Schemas['StaffMember'];
export type StaffMemberPage = Schemas['StaffMemberPage'];
export type TokenResponse = Schemas['TokenResponse'];
export type RateLimitStatus = Schemas['RateLimitStatus'];
export type OAuthError = Schemas['OAuthError'];
export type Problem = Schemas['Problem'];

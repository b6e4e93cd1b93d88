// Original file: proto/palyra/v1/gateway.proto

export const ApprovalExportFormat = {
  APPROVAL_EXPORT_FORMAT_UNSPECIFIED: 'APPROVAL_EXPORT_FORMAT_UNSPECIFIED',
  APPROVAL_EXPORT_FORMAT_NDJSON: 'APPROVAL_EXPORT_FORMAT_NDJSON',
  APPROVAL_EXPORT_FORMAT_JSON: 'APPROVAL_EXPORT_FORMAT_JSON',
} as const;

export type ApprovalExportFormat =
  | 'APPROVAL_EXPORT_FORMAT_UNSPECIFIED'
  | 0
  | 'APPROVAL_EXPORT_FORMAT_NDJSON'
  | 1
  | 'APPROVAL_EXPORT_FORMAT_JSON'
  | 2

export type ApprovalExportFormat__Output = typeof ApprovalExportFormat[keyof typeof ApprovalExportFormat]

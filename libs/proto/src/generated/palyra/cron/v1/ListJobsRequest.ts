// Original file: proto/palyra/v1/cron.proto


export interface ListJobsRequest {
  'v'?: (number);
  'after_job_ulid'?: (string);
  'limit'?: (number);
  'enabled'?: (boolean);
  'owner_principal'?: (string);
  'channel'?: (string);
  '_enabled'?: "enabled";
  '_owner_principal'?: "owner_principal";
  '_channel'?: "channel";
}

export interface ListJobsRequest__Output {
  'v': (number);
  'after_job_ulid': (string);
  'limit': (number);
  'enabled'?: (boolean);
  'owner_principal'?: (string);
  'channel'?: (string);
  '_enabled'?: "enabled";
  '_owner_principal'?: "owner_principal";
  '_channel'?: "channel";
}

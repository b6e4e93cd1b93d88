// Original file: proto/palyra/v1/cron.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { CreateJobRequest as _palyra_cron_v1_CreateJobRequest, CreateJobRequest__Output as _palyra_cron_v1_CreateJobRequest__Output } from '../../../palyra/cron/v1/CreateJobRequest.js';
import type { CreateJobResponse as _palyra_cron_v1_CreateJobResponse, CreateJobResponse__Output as _palyra_cron_v1_CreateJobResponse__Output } from '../../../palyra/cron/v1/CreateJobResponse.js';
import type { DeleteJobRequest as _palyra_cron_v1_DeleteJobRequest, DeleteJobRequest__Output as _palyra_cron_v1_DeleteJobRequest__Output } from '../../../palyra/cron/v1/DeleteJobRequest.js';
import type { DeleteJobResponse as _palyra_cron_v1_DeleteJobResponse, DeleteJobResponse__Output as _palyra_cron_v1_DeleteJobResponse__Output } from '../../../palyra/cron/v1/DeleteJobResponse.js';
import type { GetJobRequest as _palyra_cron_v1_GetJobRequest, GetJobRequest__Output as _palyra_cron_v1_GetJobRequest__Output } from '../../../palyra/cron/v1/GetJobRequest.js';
import type { GetJobResponse as _palyra_cron_v1_GetJobResponse, GetJobResponse__Output as _palyra_cron_v1_GetJobResponse__Output } from '../../../palyra/cron/v1/GetJobResponse.js';
import type { GetJobRunRequest as _palyra_cron_v1_GetJobRunRequest, GetJobRunRequest__Output as _palyra_cron_v1_GetJobRunRequest__Output } from '../../../palyra/cron/v1/GetJobRunRequest.js';
import type { GetJobRunResponse as _palyra_cron_v1_GetJobRunResponse, GetJobRunResponse__Output as _palyra_cron_v1_GetJobRunResponse__Output } from '../../../palyra/cron/v1/GetJobRunResponse.js';
import type { ListJobRunsRequest as _palyra_cron_v1_ListJobRunsRequest, ListJobRunsRequest__Output as _palyra_cron_v1_ListJobRunsRequest__Output } from '../../../palyra/cron/v1/ListJobRunsRequest.js';
import type { ListJobRunsResponse as _palyra_cron_v1_ListJobRunsResponse, ListJobRunsResponse__Output as _palyra_cron_v1_ListJobRunsResponse__Output } from '../../../palyra/cron/v1/ListJobRunsResponse.js';
import type { ListJobsRequest as _palyra_cron_v1_ListJobsRequest, ListJobsRequest__Output as _palyra_cron_v1_ListJobsRequest__Output } from '../../../palyra/cron/v1/ListJobsRequest.js';
import type { ListJobsResponse as _palyra_cron_v1_ListJobsResponse, ListJobsResponse__Output as _palyra_cron_v1_ListJobsResponse__Output } from '../../../palyra/cron/v1/ListJobsResponse.js';
import type { RunJobNowRequest as _palyra_cron_v1_RunJobNowRequest, RunJobNowRequest__Output as _palyra_cron_v1_RunJobNowRequest__Output } from '../../../palyra/cron/v1/RunJobNowRequest.js';
import type { RunJobNowResponse as _palyra_cron_v1_RunJobNowResponse, RunJobNowResponse__Output as _palyra_cron_v1_RunJobNowResponse__Output } from '../../../palyra/cron/v1/RunJobNowResponse.js';
import type { UpdateJobRequest as _palyra_cron_v1_UpdateJobRequest, UpdateJobRequest__Output as _palyra_cron_v1_UpdateJobRequest__Output } from '../../../palyra/cron/v1/UpdateJobRequest.js';
import type { UpdateJobResponse as _palyra_cron_v1_UpdateJobResponse, UpdateJobResponse__Output as _palyra_cron_v1_UpdateJobResponse__Output } from '../../../palyra/cron/v1/UpdateJobResponse.js';

export interface CronServiceClient extends grpc.Client {
  CreateJob(argument: _palyra_cron_v1_CreateJobRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_palyra_cron_v1_CreateJobResponse__Output>): grpc.ClientUnaryCall;
  CreateJob(argument: _palyra_cron_v1_CreateJobRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_palyra_cron_v1_CreateJobResponse__Output>): grpc.ClientUnaryCall;
  CreateJob(argument: _palyra_cron_v1_CreateJobRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_palyra_cron_v1_CreateJobResponse__Output>): grpc.ClientUnaryCall;
  CreateJob(argument: _palyra_cron_v1_CreateJobRequest, callback: grpc.requestCallback<_palyra_cron_v1_CreateJobResponse__Output>): grpc.ClientUnaryCall;
  createJob(argument: _palyra_cron_v1_CreateJobRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_palyra_cron_v1_CreateJobResponse__Output>): grpc.ClientUnaryCall;
  createJob(argument: _palyra_cron_v1_CreateJobRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_palyra_cron_v1_CreateJobResponse__Output>): grpc.ClientUnaryCall;
  createJob(argument: _palyra_cron_v1_CreateJobRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_palyra_cron_v1_CreateJobResponse__Output>): grpc.ClientUnaryCall;
  createJob(argument: _palyra_cron_v1_CreateJobRequest, callback: grpc.requestCallback<_palyra_cron_v1_CreateJobResponse__Output>): grpc.ClientUnaryCall;

  DeleteJob(argument: _palyra_cron_v1_DeleteJobRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_palyra_cron_v1_DeleteJobResponse__Output>): grpc.ClientUnaryCall;
  DeleteJob(argument: _palyra_cron_v1_DeleteJobRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_palyra_cron_v1_DeleteJobResponse__Output>): grpc.ClientUnaryCall;
  DeleteJob(argument: _palyra_cron_v1_DeleteJobRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_palyra_cron_v1_DeleteJobResponse__Output>): grpc.ClientUnaryCall;
  DeleteJob(argument: _palyra_cron_v1_DeleteJobRequest, callback: grpc.requestCallback<_palyra_cron_v1_DeleteJobResponse__Output>): grpc.ClientUnaryCall;
  deleteJob(argument: _palyra_cron_v1_DeleteJobRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_palyra_cron_v1_DeleteJobResponse__Output>): grpc.ClientUnaryCall;
  deleteJob(argument: _palyra_cron_v1_DeleteJobRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_palyra_cron_v1_DeleteJobResponse__Output>): grpc.ClientUnaryCall;
  deleteJob(argument: _palyra_cron_v1_DeleteJobRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_palyra_cron_v1_DeleteJobResponse__Output>): grpc.ClientUnaryCall;
  deleteJob(argument: _palyra_cron_v1_DeleteJobRequest, callback: grpc.requestCallback<_palyra_cron_v1_DeleteJobResponse__Output>): grpc.ClientUnaryCall;

  GetJob(argument: _palyra_cron_v1_GetJobRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_palyra_cron_v1_GetJobResponse__Output>): grpc.ClientUnaryCall;
  GetJob(argument: _palyra_cron_v1_GetJobRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_palyra_cron_v1_GetJobResponse__Output>): grpc.ClientUnaryCall;
  GetJob(argument: _palyra_cron_v1_GetJobRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_palyra_cron_v1_GetJobResponse__Output>): grpc.ClientUnaryCall;
  GetJob(argument: _palyra_cron_v1_GetJobRequest, callback: grpc.requestCallback<_palyra_cron_v1_GetJobResponse__Output>): grpc.ClientUnaryCall;
  getJob(argument: _palyra_cron_v1_GetJobRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_palyra_cron_v1_GetJobResponse__Output>): grpc.ClientUnaryCall;
  getJob(argument: _palyra_cron_v1_GetJobRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_palyra_cron_v1_GetJobResponse__Output>): grpc.ClientUnaryCall;
  getJob(argument: _palyra_cron_v1_GetJobRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_palyra_cron_v1_GetJobResponse__Output>): grpc.ClientUnaryCall;
  getJob(argument: _palyra_cron_v1_GetJobRequest, callback: grpc.requestCallback<_palyra_cron_v1_GetJobResponse__Output>): grpc.ClientUnaryCall;

  GetJobRun(argument: _palyra_cron_v1_GetJobRunRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_palyra_cron_v1_GetJobRunResponse__Output>): grpc.ClientUnaryCall;
  GetJobRun(argument: _palyra_cron_v1_GetJobRunRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_palyra_cron_v1_GetJobRunResponse__Output>): grpc.ClientUnaryCall;
  GetJobRun(argument: _palyra_cron_v1_GetJobRunRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_palyra_cron_v1_GetJobRunResponse__Output>): grpc.ClientUnaryCall;
  GetJobRun(argument: _palyra_cron_v1_GetJobRunRequest, callback: grpc.requestCallback<_palyra_cron_v1_GetJobRunResponse__Output>): grpc.ClientUnaryCall;
  getJobRun(argument: _palyra_cron_v1_GetJobRunRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_palyra_cron_v1_GetJobRunResponse__Output>): grpc.ClientUnaryCall;
  getJobRun(argument: _palyra_cron_v1_GetJobRunRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_palyra_cron_v1_GetJobRunResponse__Output>): grpc.ClientUnaryCall;
  getJobRun(argument: _palyra_cron_v1_GetJobRunRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_palyra_cron_v1_GetJobRunResponse__Output>): grpc.ClientUnaryCall;
  getJobRun(argument: _palyra_cron_v1_GetJobRunRequest, callback: grpc.requestCallback<_palyra_cron_v1_GetJobRunResponse__Output>): grpc.ClientUnaryCall;

  ListJobRuns(argument: _palyra_cron_v1_ListJobRunsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_palyra_cron_v1_ListJobRunsResponse__Output>): grpc.ClientUnaryCall;
  ListJobRuns(argument: _palyra_cron_v1_ListJobRunsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_palyra_cron_v1_ListJobRunsResponse__Output>): grpc.ClientUnaryCall;
  ListJobRuns(argument: _palyra_cron_v1_ListJobRunsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_palyra_cron_v1_ListJobRunsResponse__Output>): grpc.ClientUnaryCall;
  ListJobRuns(argument: _palyra_cron_v1_ListJobRunsRequest, callback: grpc.requestCallback<_palyra_cron_v1_ListJobRunsResponse__Output>): grpc.ClientUnaryCall;
  listJobRuns(argument: _palyra_cron_v1_ListJobRunsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_palyra_cron_v1_ListJobRunsResponse__Output>): grpc.ClientUnaryCall;
  listJobRuns(argument: _palyra_cron_v1_ListJobRunsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_palyra_cron_v1_ListJobRunsResponse__Output>): grpc.ClientUnaryCall;
  listJobRuns(argument: _palyra_cron_v1_ListJobRunsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_palyra_cron_v1_ListJobRunsResponse__Output>): grpc.ClientUnaryCall;
  listJobRuns(argument: _palyra_cron_v1_ListJobRunsRequest, callback: grpc.requestCallback<_palyra_cron_v1_ListJobRunsResponse__Output>): grpc.ClientUnaryCall;

  ListJobs(argument: _palyra_cron_v1_ListJobsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_palyra_cron_v1_ListJobsResponse__Output>): grpc.ClientUnaryCall;
  ListJobs(argument: _palyra_cron_v1_ListJobsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_palyra_cron_v1_ListJobsResponse__Output>): grpc.ClientUnaryCall;
  ListJobs(argument: _palyra_cron_v1_ListJobsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_palyra_cron_v1_ListJobsResponse__Output>): grpc.ClientUnaryCall;
  ListJobs(argument: _palyra_cron_v1_ListJobsRequest, callback: grpc.requestCallback<_palyra_cron_v1_ListJobsResponse__Output>): grpc.ClientUnaryCall;
  listJobs(argument: _palyra_cron_v1_ListJobsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_palyra_cron_v1_ListJobsResponse__Output>): grpc.ClientUnaryCall;
  listJobs(argument: _palyra_cron_v1_ListJobsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_palyra_cron_v1_ListJobsResponse__Output>): grpc.ClientUnaryCall;
  listJobs(argument: _palyra_cron_v1_ListJobsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_palyra_cron_v1_ListJobsResponse__Output>): grpc.ClientUnaryCall;
  listJobs(argument: _palyra_cron_v1_ListJobsRequest, callback: grpc.requestCallback<_palyra_cron_v1_ListJobsResponse__Output>): grpc.ClientUnaryCall;

  RunJobNow(argument: _palyra_cron_v1_RunJobNowRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_palyra_cron_v1_RunJobNowResponse__Output>): grpc.ClientUnaryCall;
  RunJobNow(argument: _palyra_cron_v1_RunJobNowRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_palyra_cron_v1_RunJobNowResponse__Output>): grpc.ClientUnaryCall;
  RunJobNow(argument: _palyra_cron_v1_RunJobNowRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_palyra_cron_v1_RunJobNowResponse__Output>): grpc.ClientUnaryCall;
  RunJobNow(argument: _palyra_cron_v1_RunJobNowRequest, callback: grpc.requestCallback<_palyra_cron_v1_RunJobNowResponse__Output>): grpc.ClientUnaryCall;
  runJobNow(argument: _palyra_cron_v1_RunJobNowRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_palyra_cron_v1_RunJobNowResponse__Output>): grpc.ClientUnaryCall;
  runJobNow(argument: _palyra_cron_v1_RunJobNowRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_palyra_cron_v1_RunJobNowResponse__Output>): grpc.ClientUnaryCall;
  runJobNow(argument: _palyra_cron_v1_RunJobNowRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_palyra_cron_v1_RunJobNowResponse__Output>): grpc.ClientUnaryCall;
  runJobNow(argument: _palyra_cron_v1_RunJobNowRequest, callback: grpc.requestCallback<_palyra_cron_v1_RunJobNowResponse__Output>): grpc.ClientUnaryCall;

  UpdateJob(argument: _palyra_cron_v1_UpdateJobRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_palyra_cron_v1_UpdateJobResponse__Output>): grpc.ClientUnaryCall;
  UpdateJob(argument: _palyra_cron_v1_UpdateJobRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_palyra_cron_v1_UpdateJobResponse__Output>): grpc.ClientUnaryCall;
  UpdateJob(argument: _palyra_cron_v1_UpdateJobRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_palyra_cron_v1_UpdateJobResponse__Output>): grpc.ClientUnaryCall;
  UpdateJob(argument: _palyra_cron_v1_UpdateJobRequest, callback: grpc.requestCallback<_palyra_cron_v1_UpdateJobResponse__Output>): grpc.ClientUnaryCall;
  updateJob(argument: _palyra_cron_v1_UpdateJobRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_palyra_cron_v1_UpdateJobResponse__Output>): grpc.ClientUnaryCall;
  updateJob(argument: _palyra_cron_v1_UpdateJobRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_palyra_cron_v1_UpdateJobResponse__Output>): grpc.ClientUnaryCall;
  updateJob(argument: _palyra_cron_v1_UpdateJobRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_palyra_cron_v1_UpdateJobResponse__Output>): grpc.ClientUnaryCall;
  updateJob(argument: _palyra_cron_v1_UpdateJobRequest, callback: grpc.requestCallback<_palyra_cron_v1_UpdateJobResponse__Output>): grpc.ClientUnaryCall;

}

export interface CronServiceHandlers extends grpc.UntypedServiceImplementation {
  CreateJob: grpc.handleUnaryCall<_palyra_cron_v1_CreateJobRequest__Output, _palyra_cron_v1_CreateJobResponse>;

  DeleteJob: grpc.handleUnaryCall<_palyra_cron_v1_DeleteJobRequest__Output, _palyra_cron_v1_DeleteJobResponse>;

  GetJob: grpc.handleUnaryCall<_palyra_cron_v1_GetJobRequest__Output, _palyra_cron_v1_GetJobResponse>;

  GetJobRun: grpc.handleUnaryCall<_palyra_cron_v1_GetJobRunRequest__Output, _palyra_cron_v1_GetJobRunResponse>;

  ListJobRuns: grpc.handleUnaryCall<_palyra_cron_v1_ListJobRunsRequest__Output, _palyra_cron_v1_ListJobRunsResponse>;

  ListJobs: grpc.handleUnaryCall<_palyra_cron_v1_ListJobsRequest__Output, _palyra_cron_v1_ListJobsResponse>;

  RunJobNow: grpc.handleUnaryCall<_palyra_cron_v1_RunJobNowRequest__Output, _palyra_cron_v1_RunJobNowResponse>;

  UpdateJob: grpc.handleUnaryCall<_palyra_cron_v1_UpdateJobRequest__Output, _palyra_cron_v1_UpdateJobResponse>;

}

export interface CronServiceDefinition extends grpc.ServiceDefinition {
  CreateJob: MethodDefinition<_palyra_cron_v1_CreateJobRequest, _palyra_cron_v1_CreateJobResponse, _palyra_cron_v1_CreateJobRequest__Output, _palyra_cron_v1_CreateJobResponse__Output>
  DeleteJob: MethodDefinition<_palyra_cron_v1_DeleteJobRequest, _palyra_cron_v1_DeleteJobResponse, _palyra_cron_v1_DeleteJobRequest__Output, _palyra_cron_v1_DeleteJobResponse__Output>
  GetJob: MethodDefinition<_palyra_cron_v1_GetJobRequest, _palyra_cron_v1_GetJobResponse, _palyra_cron_v1_GetJobRequest__Output, _palyra_cron_v1_GetJobResponse__Output>
  GetJobRun: MethodDefinition<_palyra_cron_v1_GetJobRunRequest, _palyra_cron_v1_GetJobRunResponse, _palyra_cron_v1_GetJobRunRequest__Output, _palyra_cron_v1_GetJobRunResponse__Output>
  ListJobRuns: MethodDefinition<_palyra_cron_v1_ListJobRunsRequest, _palyra_cron_v1_ListJobRunsResponse, _palyra_cron_v1_ListJobRunsRequest__Output, _palyra_cron_v1_ListJobRunsResponse__Output>
  ListJobs: MethodDefinition<_palyra_cron_v1_ListJobsRequest, _palyra_cron_v1_ListJobsResponse, _palyra_cron_v1_ListJobsRequest__Output, _palyra_cron_v1_ListJobsResponse__Output>
  RunJobNow: MethodDefinition<_palyra_cron_v1_RunJobNowRequest, _palyra_cron_v1_RunJobNowResponse, _palyra_cron_v1_RunJobNowRequest__Output, _palyra_cron_v1_RunJobNowResponse__Output>
  UpdateJob: MethodDefinition<_palyra_cron_v1_UpdateJobRequest, _palyra_cron_v1_UpdateJobResponse, _palyra_cron_v1_UpdateJobRequest__Output, _palyra_cron_v1_UpdateJobResponse__Output>
}

import type * as grpc from '@grpc/grpc-js';
import type { EnumTypeDefinition, MessageTypeDefinition } from '@grpc/proto-loader';

import type { A2uiUpdate as _palyra_common_v1_A2uiUpdate, A2uiUpdate__Output as _palyra_common_v1_A2uiUpdate__Output } from './palyra/common/v1/A2uiUpdate.js';
import type { ApprovalOption as _palyra_common_v1_ApprovalOption, ApprovalOption__Output as _palyra_common_v1_ApprovalOption__Output } from './palyra/common/v1/ApprovalOption.js';
import type { ApprovalPrompt as _palyra_common_v1_ApprovalPrompt, ApprovalPrompt__Output as _palyra_common_v1_ApprovalPrompt__Output } from './palyra/common/v1/ApprovalPrompt.js';
import type { CanonicalId as _palyra_common_v1_CanonicalId, CanonicalId__Output as _palyra_common_v1_CanonicalId__Output } from './palyra/common/v1/CanonicalId.js';
import type { EnvelopeOrigin as _palyra_common_v1_EnvelopeOrigin, EnvelopeOrigin__Output as _palyra_common_v1_EnvelopeOrigin__Output } from './palyra/common/v1/EnvelopeOrigin.js';
import type { JournalEvent as _palyra_common_v1_JournalEvent, JournalEvent__Output as _palyra_common_v1_JournalEvent__Output } from './palyra/common/v1/JournalEvent.js';
import type { MessageAttachment as _palyra_common_v1_MessageAttachment, MessageAttachment__Output as _palyra_common_v1_MessageAttachment__Output } from './palyra/common/v1/MessageAttachment.js';
import type { MessageContent as _palyra_common_v1_MessageContent, MessageContent__Output as _palyra_common_v1_MessageContent__Output } from './palyra/common/v1/MessageContent.js';
import type { MessageEnvelope as _palyra_common_v1_MessageEnvelope, MessageEnvelope__Output as _palyra_common_v1_MessageEnvelope__Output } from './palyra/common/v1/MessageEnvelope.js';
import type { ModelToken as _palyra_common_v1_ModelToken, ModelToken__Output as _palyra_common_v1_ModelToken__Output } from './palyra/common/v1/ModelToken.js';
import type { ReplayProtection as _palyra_common_v1_ReplayProtection, ReplayProtection__Output as _palyra_common_v1_ReplayProtection__Output } from './palyra/common/v1/ReplayProtection.js';
import type { RunStreamEvent as _palyra_common_v1_RunStreamEvent, RunStreamEvent__Output as _palyra_common_v1_RunStreamEvent__Output } from './palyra/common/v1/RunStreamEvent.js';
import type { RunStreamRequest as _palyra_common_v1_RunStreamRequest, RunStreamRequest__Output as _palyra_common_v1_RunStreamRequest__Output } from './palyra/common/v1/RunStreamRequest.js';
import type { SecurityContext as _palyra_common_v1_SecurityContext, SecurityContext__Output as _palyra_common_v1_SecurityContext__Output } from './palyra/common/v1/SecurityContext.js';
import type { StreamStatus as _palyra_common_v1_StreamStatus, StreamStatus__Output as _palyra_common_v1_StreamStatus__Output } from './palyra/common/v1/StreamStatus.js';
import type { ToolApprovalRequest as _palyra_common_v1_ToolApprovalRequest, ToolApprovalRequest__Output as _palyra_common_v1_ToolApprovalRequest__Output } from './palyra/common/v1/ToolApprovalRequest.js';
import type { ToolApprovalResponse as _palyra_common_v1_ToolApprovalResponse, ToolApprovalResponse__Output as _palyra_common_v1_ToolApprovalResponse__Output } from './palyra/common/v1/ToolApprovalResponse.js';
import type { ToolAttestation as _palyra_common_v1_ToolAttestation, ToolAttestation__Output as _palyra_common_v1_ToolAttestation__Output } from './palyra/common/v1/ToolAttestation.js';
import type { ToolDecision as _palyra_common_v1_ToolDecision, ToolDecision__Output as _palyra_common_v1_ToolDecision__Output } from './palyra/common/v1/ToolDecision.js';
import type { ToolProposal as _palyra_common_v1_ToolProposal, ToolProposal__Output as _palyra_common_v1_ToolProposal__Output } from './palyra/common/v1/ToolProposal.js';
import type { ToolResult as _palyra_common_v1_ToolResult, ToolResult__Output as _palyra_common_v1_ToolResult__Output } from './palyra/common/v1/ToolResult.js';
import type { AtSchedule as _palyra_cron_v1_AtSchedule, AtSchedule__Output as _palyra_cron_v1_AtSchedule__Output } from './palyra/cron/v1/AtSchedule.js';
import type { CreateJobRequest as _palyra_cron_v1_CreateJobRequest, CreateJobRequest__Output as _palyra_cron_v1_CreateJobRequest__Output } from './palyra/cron/v1/CreateJobRequest.js';
import type { CreateJobResponse as _palyra_cron_v1_CreateJobResponse, CreateJobResponse__Output as _palyra_cron_v1_CreateJobResponse__Output } from './palyra/cron/v1/CreateJobResponse.js';
import type { CronSchedule as _palyra_cron_v1_CronSchedule, CronSchedule__Output as _palyra_cron_v1_CronSchedule__Output } from './palyra/cron/v1/CronSchedule.js';
import type { CronServiceClient as _palyra_cron_v1_CronServiceClient, CronServiceDefinition as _palyra_cron_v1_CronServiceDefinition } from './palyra/cron/v1/CronService.js';
import type { DeleteJobRequest as _palyra_cron_v1_DeleteJobRequest, DeleteJobRequest__Output as _palyra_cron_v1_DeleteJobRequest__Output } from './palyra/cron/v1/DeleteJobRequest.js';
import type { DeleteJobResponse as _palyra_cron_v1_DeleteJobResponse, DeleteJobResponse__Output as _palyra_cron_v1_DeleteJobResponse__Output } from './palyra/cron/v1/DeleteJobResponse.js';
import type { EverySchedule as _palyra_cron_v1_EverySchedule, EverySchedule__Output as _palyra_cron_v1_EverySchedule__Output } from './palyra/cron/v1/EverySchedule.js';
import type { GetJobRequest as _palyra_cron_v1_GetJobRequest, GetJobRequest__Output as _palyra_cron_v1_GetJobRequest__Output } from './palyra/cron/v1/GetJobRequest.js';
import type { GetJobResponse as _palyra_cron_v1_GetJobResponse, GetJobResponse__Output as _palyra_cron_v1_GetJobResponse__Output } from './palyra/cron/v1/GetJobResponse.js';
import type { GetJobRunRequest as _palyra_cron_v1_GetJobRunRequest, GetJobRunRequest__Output as _palyra_cron_v1_GetJobRunRequest__Output } from './palyra/cron/v1/GetJobRunRequest.js';
import type { GetJobRunResponse as _palyra_cron_v1_GetJobRunResponse, GetJobRunResponse__Output as _palyra_cron_v1_GetJobRunResponse__Output } from './palyra/cron/v1/GetJobRunResponse.js';
import type { Job as _palyra_cron_v1_Job, Job__Output as _palyra_cron_v1_Job__Output } from './palyra/cron/v1/Job.js';
import type { JobRun as _palyra_cron_v1_JobRun, JobRun__Output as _palyra_cron_v1_JobRun__Output } from './palyra/cron/v1/JobRun.js';
import type { ListJobRunsRequest as _palyra_cron_v1_ListJobRunsRequest, ListJobRunsRequest__Output as _palyra_cron_v1_ListJobRunsRequest__Output } from './palyra/cron/v1/ListJobRunsRequest.js';
import type { ListJobRunsResponse as _palyra_cron_v1_ListJobRunsResponse, ListJobRunsResponse__Output as _palyra_cron_v1_ListJobRunsResponse__Output } from './palyra/cron/v1/ListJobRunsResponse.js';
import type { ListJobsRequest as _palyra_cron_v1_ListJobsRequest, ListJobsRequest__Output as _palyra_cron_v1_ListJobsRequest__Output } from './palyra/cron/v1/ListJobsRequest.js';
import type { ListJobsResponse as _palyra_cron_v1_ListJobsResponse, ListJobsResponse__Output as _palyra_cron_v1_ListJobsResponse__Output } from './palyra/cron/v1/ListJobsResponse.js';
import type { RetryPolicy as _palyra_cron_v1_RetryPolicy, RetryPolicy__Output as _palyra_cron_v1_RetryPolicy__Output } from './palyra/cron/v1/RetryPolicy.js';
import type { RunJobNowRequest as _palyra_cron_v1_RunJobNowRequest, RunJobNowRequest__Output as _palyra_cron_v1_RunJobNowRequest__Output } from './palyra/cron/v1/RunJobNowRequest.js';
import type { RunJobNowResponse as _palyra_cron_v1_RunJobNowResponse, RunJobNowResponse__Output as _palyra_cron_v1_RunJobNowResponse__Output } from './palyra/cron/v1/RunJobNowResponse.js';
import type { Schedule as _palyra_cron_v1_Schedule, Schedule__Output as _palyra_cron_v1_Schedule__Output } from './palyra/cron/v1/Schedule.js';
import type { UpdateJobRequest as _palyra_cron_v1_UpdateJobRequest, UpdateJobRequest__Output as _palyra_cron_v1_UpdateJobRequest__Output } from './palyra/cron/v1/UpdateJobRequest.js';
import type { UpdateJobResponse as _palyra_cron_v1_UpdateJobResponse, UpdateJobResponse__Output as _palyra_cron_v1_UpdateJobResponse__Output } from './palyra/cron/v1/UpdateJobResponse.js';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  palyra: {
    common: {
      v1: {
        A2uiUpdate: MessageTypeDefinition<_palyra_common_v1_A2uiUpdate, _palyra_common_v1_A2uiUpdate__Output>
        ApprovalDecisionScope: EnumTypeDefinition
        ApprovalOption: MessageTypeDefinition<_palyra_common_v1_ApprovalOption, _palyra_common_v1_ApprovalOption__Output>
        ApprovalPrompt: MessageTypeDefinition<_palyra_common_v1_ApprovalPrompt, _palyra_common_v1_ApprovalPrompt__Output>
        ApprovalRiskLevel: EnumTypeDefinition
        CanonicalId: MessageTypeDefinition<_palyra_common_v1_CanonicalId, _palyra_common_v1_CanonicalId__Output>
        EnvelopeOrigin: MessageTypeDefinition<_palyra_common_v1_EnvelopeOrigin, _palyra_common_v1_EnvelopeOrigin__Output>
        JournalEvent: MessageTypeDefinition<_palyra_common_v1_JournalEvent, _palyra_common_v1_JournalEvent__Output>
        MessageAttachment: MessageTypeDefinition<_palyra_common_v1_MessageAttachment, _palyra_common_v1_MessageAttachment__Output>
        MessageContent: MessageTypeDefinition<_palyra_common_v1_MessageContent, _palyra_common_v1_MessageContent__Output>
        MessageEnvelope: MessageTypeDefinition<_palyra_common_v1_MessageEnvelope, _palyra_common_v1_MessageEnvelope__Output>
        ModelToken: MessageTypeDefinition<_palyra_common_v1_ModelToken, _palyra_common_v1_ModelToken__Output>
        ReplayProtection: MessageTypeDefinition<_palyra_common_v1_ReplayProtection, _palyra_common_v1_ReplayProtection__Output>
        RunStreamEvent: MessageTypeDefinition<_palyra_common_v1_RunStreamEvent, _palyra_common_v1_RunStreamEvent__Output>
        RunStreamRequest: MessageTypeDefinition<_palyra_common_v1_RunStreamRequest, _palyra_common_v1_RunStreamRequest__Output>
        SecurityContext: MessageTypeDefinition<_palyra_common_v1_SecurityContext, _palyra_common_v1_SecurityContext__Output>
        StreamStatus: MessageTypeDefinition<_palyra_common_v1_StreamStatus, _palyra_common_v1_StreamStatus__Output>
        ToolApprovalRequest: MessageTypeDefinition<_palyra_common_v1_ToolApprovalRequest, _palyra_common_v1_ToolApprovalRequest__Output>
        ToolApprovalResponse: MessageTypeDefinition<_palyra_common_v1_ToolApprovalResponse, _palyra_common_v1_ToolApprovalResponse__Output>
        ToolAttestation: MessageTypeDefinition<_palyra_common_v1_ToolAttestation, _palyra_common_v1_ToolAttestation__Output>
        ToolDecision: MessageTypeDefinition<_palyra_common_v1_ToolDecision, _palyra_common_v1_ToolDecision__Output>
        ToolProposal: MessageTypeDefinition<_palyra_common_v1_ToolProposal, _palyra_common_v1_ToolProposal__Output>
        ToolResult: MessageTypeDefinition<_palyra_common_v1_ToolResult, _palyra_common_v1_ToolResult__Output>
      }
    }
    cron: {
      v1: {
        AtSchedule: MessageTypeDefinition<_palyra_cron_v1_AtSchedule, _palyra_cron_v1_AtSchedule__Output>
        ConcurrencyPolicy: EnumTypeDefinition
        CreateJobRequest: MessageTypeDefinition<_palyra_cron_v1_CreateJobRequest, _palyra_cron_v1_CreateJobRequest__Output>
        CreateJobResponse: MessageTypeDefinition<_palyra_cron_v1_CreateJobResponse, _palyra_cron_v1_CreateJobResponse__Output>
        CronSchedule: MessageTypeDefinition<_palyra_cron_v1_CronSchedule, _palyra_cron_v1_CronSchedule__Output>
        CronService: SubtypeConstructor<typeof grpc.Client, _palyra_cron_v1_CronServiceClient> & { service: _palyra_cron_v1_CronServiceDefinition }
        DeleteJobRequest: MessageTypeDefinition<_palyra_cron_v1_DeleteJobRequest, _palyra_cron_v1_DeleteJobRequest__Output>
        DeleteJobResponse: MessageTypeDefinition<_palyra_cron_v1_DeleteJobResponse, _palyra_cron_v1_DeleteJobResponse__Output>
        EverySchedule: MessageTypeDefinition<_palyra_cron_v1_EverySchedule, _palyra_cron_v1_EverySchedule__Output>
        GetJobRequest: MessageTypeDefinition<_palyra_cron_v1_GetJobRequest, _palyra_cron_v1_GetJobRequest__Output>
        GetJobResponse: MessageTypeDefinition<_palyra_cron_v1_GetJobResponse, _palyra_cron_v1_GetJobResponse__Output>
        GetJobRunRequest: MessageTypeDefinition<_palyra_cron_v1_GetJobRunRequest, _palyra_cron_v1_GetJobRunRequest__Output>
        GetJobRunResponse: MessageTypeDefinition<_palyra_cron_v1_GetJobRunResponse, _palyra_cron_v1_GetJobRunResponse__Output>
        Job: MessageTypeDefinition<_palyra_cron_v1_Job, _palyra_cron_v1_Job__Output>
        JobRun: MessageTypeDefinition<_palyra_cron_v1_JobRun, _palyra_cron_v1_JobRun__Output>
        JobRunStatus: EnumTypeDefinition
        ListJobRunsRequest: MessageTypeDefinition<_palyra_cron_v1_ListJobRunsRequest, _palyra_cron_v1_ListJobRunsRequest__Output>
        ListJobRunsResponse: MessageTypeDefinition<_palyra_cron_v1_ListJobRunsResponse, _palyra_cron_v1_ListJobRunsResponse__Output>
        ListJobsRequest: MessageTypeDefinition<_palyra_cron_v1_ListJobsRequest, _palyra_cron_v1_ListJobsRequest__Output>
        ListJobsResponse: MessageTypeDefinition<_palyra_cron_v1_ListJobsResponse, _palyra_cron_v1_ListJobsResponse__Output>
        MisfirePolicy: EnumTypeDefinition
        RetryPolicy: MessageTypeDefinition<_palyra_cron_v1_RetryPolicy, _palyra_cron_v1_RetryPolicy__Output>
        RunJobNowRequest: MessageTypeDefinition<_palyra_cron_v1_RunJobNowRequest, _palyra_cron_v1_RunJobNowRequest__Output>
        RunJobNowResponse: MessageTypeDefinition<_palyra_cron_v1_RunJobNowResponse, _palyra_cron_v1_RunJobNowResponse__Output>
        Schedule: MessageTypeDefinition<_palyra_cron_v1_Schedule, _palyra_cron_v1_Schedule__Output>
        ScheduleType: EnumTypeDefinition
        UpdateJobRequest: MessageTypeDefinition<_palyra_cron_v1_UpdateJobRequest, _palyra_cron_v1_UpdateJobRequest__Output>
        UpdateJobResponse: MessageTypeDefinition<_palyra_cron_v1_UpdateJobResponse, _palyra_cron_v1_UpdateJobResponse__Output>
      }
    }
  }
}

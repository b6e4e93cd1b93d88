// Original file: proto/palyra/v1/journal.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { ListRunEventsRequest as _palyra_journal_v1_ListRunEventsRequest, ListRunEventsRequest__Output as _palyra_journal_v1_ListRunEventsRequest__Output } from '../../../palyra/journal/v1/ListRunEventsRequest.js';
import type { ListRunEventsResponse as _palyra_journal_v1_ListRunEventsResponse, ListRunEventsResponse__Output as _palyra_journal_v1_ListRunEventsResponse__Output } from '../../../palyra/journal/v1/ListRunEventsResponse.js';
import type { VerifySessionChainRequest as _palyra_journal_v1_VerifySessionChainRequest, VerifySessionChainRequest__Output as _palyra_journal_v1_VerifySessionChainRequest__Output } from '../../../palyra/journal/v1/VerifySessionChainRequest.js';
import type { VerifySessionChainResponse as _palyra_journal_v1_VerifySessionChainResponse, VerifySessionChainResponse__Output as _palyra_journal_v1_VerifySessionChainResponse__Output } from '../../../palyra/journal/v1/VerifySessionChainResponse.js';

export interface JournalServiceClient extends grpc.Client {
  ListRunEvents(argument: _palyra_journal_v1_ListRunEventsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_palyra_journal_v1_ListRunEventsResponse__Output>): grpc.ClientUnaryCall;
  ListRunEvents(argument: _palyra_journal_v1_ListRunEventsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_palyra_journal_v1_ListRunEventsResponse__Output>): grpc.ClientUnaryCall;
  ListRunEvents(argument: _palyra_journal_v1_ListRunEventsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_palyra_journal_v1_ListRunEventsResponse__Output>): grpc.ClientUnaryCall;
  ListRunEvents(argument: _palyra_journal_v1_ListRunEventsRequest, callback: grpc.requestCallback<_palyra_journal_v1_ListRunEventsResponse__Output>): grpc.ClientUnaryCall;
  listRunEvents(argument: _palyra_journal_v1_ListRunEventsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_palyra_journal_v1_ListRunEventsResponse__Output>): grpc.ClientUnaryCall;
  listRunEvents(argument: _palyra_journal_v1_ListRunEventsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_palyra_journal_v1_ListRunEventsResponse__Output>): grpc.ClientUnaryCall;
  listRunEvents(argument: _palyra_journal_v1_ListRunEventsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_palyra_journal_v1_ListRunEventsResponse__Output>): grpc.ClientUnaryCall;
  listRunEvents(argument: _palyra_journal_v1_ListRunEventsRequest, callback: grpc.requestCallback<_palyra_journal_v1_ListRunEventsResponse__Output>): grpc.ClientUnaryCall;

  VerifySessionChain(argument: _palyra_journal_v1_VerifySessionChainRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_palyra_journal_v1_VerifySessionChainResponse__Output>): grpc.ClientUnaryCall;
  VerifySessionChain(argument: _palyra_journal_v1_VerifySessionChainRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_palyra_journal_v1_VerifySessionChainResponse__Output>): grpc.ClientUnaryCall;
  VerifySessionChain(argument: _palyra_journal_v1_VerifySessionChainRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_palyra_journal_v1_VerifySessionChainResponse__Output>): grpc.ClientUnaryCall;
  VerifySessionChain(argument: _palyra_journal_v1_VerifySessionChainRequest, callback: grpc.requestCallback<_palyra_journal_v1_VerifySessionChainResponse__Output>): grpc.ClientUnaryCall;
  verifySessionChain(argument: _palyra_journal_v1_VerifySessionChainRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_palyra_journal_v1_VerifySessionChainResponse__Output>): grpc.ClientUnaryCall;
  verifySessionChain(argument: _palyra_journal_v1_VerifySessionChainRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_palyra_journal_v1_VerifySessionChainResponse__Output>): grpc.ClientUnaryCall;
  verifySessionChain(argument: _palyra_journal_v1_VerifySessionChainRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_palyra_journal_v1_VerifySessionChainResponse__Output>): grpc.ClientUnaryCall;
  verifySessionChain(argument: _palyra_journal_v1_VerifySessionChainRequest, callback: grpc.requestCallback<_palyra_journal_v1_VerifySessionChainResponse__Output>): grpc.ClientUnaryCall;

}

export interface JournalServiceHandlers extends grpc.UntypedServiceImplementation {
  ListRunEvents: grpc.handleUnaryCall<_palyra_journal_v1_ListRunEventsRequest__Output, _palyra_journal_v1_ListRunEventsResponse>;

  VerifySessionChain: grpc.handleUnaryCall<_palyra_journal_v1_VerifySessionChainRequest__Output, _palyra_journal_v1_VerifySessionChainResponse>;

}

export interface JournalServiceDefinition extends grpc.ServiceDefinition {
  ListRunEvents: MethodDefinition<_palyra_journal_v1_ListRunEventsRequest, _palyra_journal_v1_ListRunEventsResponse, _palyra_journal_v1_ListRunEventsRequest__Output, _palyra_journal_v1_ListRunEventsResponse__Output>
  VerifySessionChain: MethodDefinition<_palyra_journal_v1_VerifySessionChainRequest, _palyra_journal_v1_VerifySessionChainResponse, _palyra_journal_v1_VerifySessionChainRequest__Output, _palyra_journal_v1_VerifySessionChainResponse__Output>
}

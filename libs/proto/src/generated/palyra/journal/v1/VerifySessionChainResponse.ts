// Original file: proto/palyra/v1/journal.proto

import type { Long } from '@grpc/proto-loader';

export interface VerifySessionChainResponse {
  'v'?: (number);
  'ok'?: (boolean);
  'length'?: (number | string | Long);
  'head_hash'?: (string);
  'broken_at_chain_seq'?: (number | string | Long);
  'reason'?: (string);
}

export interface VerifySessionChainResponse__Output {
  'v': (number);
  'ok': (boolean);
  'length': (number);
  'head_hash': (string);
  'broken_at_chain_seq': (number);
  'reason': (string);
}

// Original file: proto/palyra/v1/gateway.proto


export interface ListSessionsRequest {
  'v'?: (number);
  'after_session_key'?: (string);
  'limit'?: (number);
  'include_archived'?: (boolean);
  'q'?: (string);
}

export interface ListSessionsRequest__Output {
  'v': (number);
  'after_session_key': (string);
  'limit': (number);
  'include_archived': (boolean);
  'q': (string);
}

// Original file: proto/palyra/v1/memory.proto


export interface MemoryScoreBreakdown {
  'lexical_score'?: (number | string);
  'vector_score'?: (number | string);
  'recency_score'?: (number | string);
  'final_score'?: (number | string);
}

export interface MemoryScoreBreakdown__Output {
  'lexical_score': (number);
  'vector_score': (number);
  'recency_score': (number);
  'final_score': (number);
}

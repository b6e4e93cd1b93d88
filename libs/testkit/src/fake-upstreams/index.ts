export { anthropicErrorBody, startFakeAnthropic } from './fake-anthropic.js';
export { openAIErrorBody, startFakeOpenAI } from './fake-openai.js';
export {
  defaultAnswer,
  type FakeAnswer,
  type FakeConversation,
  type FakeEmbeddings,
  type FakeErrorBody,
  type FakeFailure,
  type FakeHang,
  type FakeStep,
  type FakeStreamEnd,
  type FakeToolCall,
  type FakeUsage,
} from './fake-script.js';
export {
  FAKE_REQUEST_OUTCOMES,
  type FakeRequest,
  type FakeRequestOutcome,
  type FakeUpstream,
} from './fake-server.js';

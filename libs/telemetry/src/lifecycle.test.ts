import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { isTelemetryStarted, resolveTelemetrySettings, shutdownTelemetry } from './lifecycle.js';

describe('resolveTelemetrySettings', () => {
  test('exports nothing and names the service palyra when nothing is configured', () => {
    assert.deepEqual(resolveTelemetrySettings({}), {
      serviceName: 'palyra',
      exportTraces: false,
      exportMetrics: false,
      exportLogs: false,
      propagatorsFromEnv: false,
    });
  });

  test('service name: OTEL_SERVICE_NAME, then OTEL_RESOURCE_ATTRIBUTES, then PALYRA_SERVICE_NAME', () => {
    const all = {
      OTEL_SERVICE_NAME: 'from-otel',
      OTEL_RESOURCE_ATTRIBUTES: 'deployment.environment=prod,service.name=from%20attrs',
      PALYRA_SERVICE_NAME: 'from-palyra',
    };
    assert.equal(resolveTelemetrySettings(all).serviceName, 'from-otel');
    assert.equal(resolveTelemetrySettings({ ...all, OTEL_SERVICE_NAME: '' }).serviceName, 'from attrs');
    assert.equal(
      resolveTelemetrySettings({ PALYRA_SERVICE_NAME: 'gateway', OTEL_RESOURCE_ATTRIBUTES: 'a=b' })
        .serviceName,
      'gateway',
    );
  });

  test('traces are exported when an exporter or an OTLP endpoint is configured', () => {
    assert.equal(
      resolveTelemetrySettings({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' }).exportTraces,
      true,
    );
    assert.equal(
      resolveTelemetrySettings({ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://c:4318/v1/traces' })
        .exportTraces,
      true,
    );
    assert.equal(resolveTelemetrySettings({ OTEL_TRACES_EXPORTER: 'console' }).exportTraces, true);
    assert.equal(resolveTelemetrySettings({ OTEL_TRACES_EXPORTER: ' ' }).exportTraces, false);
  });

  test('an OTLP endpoint alone does not turn on OTel metrics or logs (prom-client and stdout own those)', () => {
    const settings = resolveTelemetrySettings({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' });
    assert.equal(settings.exportMetrics, false);
    assert.equal(settings.exportLogs, false);
    const explicit = resolveTelemetrySettings({ OTEL_METRICS_EXPORTER: 'otlp', OTEL_LOGS_EXPORTER: 'otlp' });
    assert.equal(explicit.exportMetrics, true);
    assert.equal(explicit.exportLogs, true);
  });

  test('OTEL_PROPAGATORS hands propagator choice to the SDK', () => {
    assert.equal(resolveTelemetrySettings({ OTEL_PROPAGATORS: 'b3' }).propagatorsFromEnv, true);
  });
});

describe('shutdownTelemetry without start', () => {
  test('resolves immediately', async () => {
    assert.equal(isTelemetryStarted(), false);
    await shutdownTelemetry();
  });
});

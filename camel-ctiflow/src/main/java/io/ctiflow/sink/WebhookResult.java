package io.ctiflow.sink;

/** What a webhook send delivered: requests accepted and objects in them (objects repeated as references counted once per request). */
public record WebhookResult(int requests, long objects) {
}

package io.qrvid.remote;

/** What a request to a fake provider server is for. */
enum Route {
  SUBMIT, POLL, DOWNLOAD, CANCEL, OTHER
}

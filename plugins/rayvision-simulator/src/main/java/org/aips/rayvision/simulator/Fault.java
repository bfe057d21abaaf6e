package org.aips.rayvision.simulator;

/** Failures the simulator can be told to produce, to exercise a client's retry policy. */
public enum Fault {
  /** HTTP 503 with a non-envelope body, as a proxy in front of the farm answers when overloaded. */
  HTTP_503,
  /** The connection is closed without an answer, after the request was read. */
  CONNECTION_RESET,
  /** Envelope code 610: the signature's timestamp was too old when it arrived. */
  SIGNATURE_EXPIRED,
  /** Envelope code 500: the farm failed while handling the call. */
  SERVER_ERROR,
  /** No answer for 5 s, longer than any sensible client timeout. */
  SLOW,
  /** The call is carried out and answered normally, but only after 500 ms (a farm under load). */
  DELAYED
}

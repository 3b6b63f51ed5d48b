package io.zoneha.resources.aws;

import io.zoneha.engine.spi.ActionFailure;
import io.zoneha.engine.spi.ActionFailure.Scope;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkServiceException;

/**
 * Turns what the SDK throws into an {@link ActionFailure} with a catalogue number and a scope.
 * Decisions use the AWS error code and HTTP status, never the message text.
 */
public final class AwsFailures {
  /** Codes meaning this server's identity may not do it; another server's role may. */
  private static final Set<String> NOT_AUTHORIZED = Set.of("UnauthorizedOperation", "AccessDenied",
      "AccessDeniedException", "AuthFailure", "MissingAuthenticationToken", "InvalidClientTokenId",
      "SignatureDoesNotMatch", "ExpiredToken", "InvalidAccessKeyId");
  /** IDs that are usually set per server: another server has its own. */
  private static final Set<String> PER_SERVER_NOT_FOUND = Set.of("InvalidNetworkInterfaceID.NotFound",
      "InvalidNetworkInterfaceID.Malformed", "InvalidInstanceID.NotFound");

  private AwsFailures() {}

  /** True for throttling and 5xx replies: the only failures the client retries. */
  public static boolean retryable(Throwable t) {
    return t instanceof SdkServiceException se && (se.isThrottlingException() || se.statusCode() >= 500);
  }

  public static boolean throttling(Throwable t) {
    return t instanceof SdkServiceException se && se.isThrottlingException();
  }

  public static Throwable unwrap(Throwable t) {
    Throwable c = t;
    while ((c instanceof CompletionException || c instanceof ExecutionException) && c.getCause() != null) {
      c = c.getCause();
    }
    return c;
  }

  public static ActionFailure map(Throwable raw, String operation, AwsCodes.Family codes) {
    Throwable t = unwrap(raw);
    if (t instanceof ActionFailure f) {
      return f;
    }
    if (t instanceof ApiCallTimeoutException || t instanceof ApiCallAttemptTimeoutException) {
      return new ActionFailure(codes.timeout(), "AWS did not answer " + operation + " in time",
          Scope.RETRY_HERE, t);
    }
    if (t instanceof AwsServiceException ae && ae.awsErrorDetails() != null) {
      return service(ae, operation, codes);
    }
    if (t instanceof SdkClientException) {
      String why = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
      return new ActionFailure(codes.failure(), "cannot reach AWS for " + operation + ": " + why,
          Scope.RETRY_HERE, t);
    }
    return new ActionFailure(AwsCodes.INTERNAL, "internal error during " + operation + ": " + t,
        Scope.RETRY_HERE, t);
  }

  private static ActionFailure service(AwsServiceException ae, String operation, AwsCodes.Family codes) {
    String code = ae.awsErrorDetails().errorCode();
    String msg = ae.awsErrorDetails().errorMessage();
    String text = operation + " failed: " + msg + " (" + code + ", HTTP " + ae.statusCode() + ")";
    Scope scope;
    if (ae.isThrottlingException()) {
      text = "AWS kept throttling " + operation + " after retries (" + code + ")";
      scope = Scope.RETRY_HERE;
    } else if (ae.statusCode() >= 500) {
      scope = Scope.RETRY_HERE;
    } else if (NOT_AUTHORIZED.contains(code) || PER_SERVER_NOT_FOUND.contains(code)) {
      scope = Scope.FAIL_OVER;
    } else if (code != null && (code.endsWith(".NotFound") || code.startsWith("NoSuch")
        || code.endsWith(".Malformed") || code.equals("InvalidChangeBatch")
        || code.equals("InvalidParameterValue") || code.equals("InvalidInput"))) {
      scope = Scope.GIVE_UP;
    } else {
      scope = Scope.FAIL_OVER;
    }
    return new ActionFailure(codes.failure(), text, scope, ae);
  }
}

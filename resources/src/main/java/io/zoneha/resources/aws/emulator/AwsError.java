package io.zoneha.resources.aws.emulator;

/** An AWS error reply: HTTP status, AWS error code and message, as the real services send them. */
final class AwsError extends RuntimeException {
  final int status;
  final String code;

  AwsError(int status, String code, String message) {
    super(message, null, false, false);
    this.status = status;
    this.code = code;
  }

  static AwsError badRequest(String code, String message) {
    return new AwsError(400, code, message);
  }

  /** The HTTP status AWS uses for a code when the code is injected by a fault rule. */
  static AwsError injected(String code, Service service) {
    return switch (code) {
      case "RequestLimitExceeded" -> new AwsError(503, code, "Request limit exceeded.");
      case "Throttling" -> new AwsError(400, code, "Rate exceeded");
      case "ThrottlingException" -> new AwsError(400, code, "Rate exceeded");
      case "InternalError", "InternalFailure" -> new AwsError(500, code,
          "An internal error has occurred");
      case "ServiceUnavailable", "Unavailable" -> new AwsError(503, code,
          "The service is unavailable. Please try again shortly.");
      case "UnauthorizedOperation" -> new AwsError(403, code,
          "You are not authorized to perform this operation.");
      case "AccessDenied" -> new AwsError(403, code,
          "User is not authorized to access this resource");
      case "AuthFailure" -> new AwsError(401, code,
          "AWS was not able to validate the provided access credentials");
      default -> new AwsError(400, code, "Injected error " + code + " (" + service + ")");
    };
  }

  /** The services the emulator speaks. */
  enum Service { EC2, ROUTE53 }
}

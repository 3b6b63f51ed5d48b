package io.zoneha.mirror.protocol;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Last in the pipeline: any error closes the connection and is reported once. */
public final class ProtocolErrorHandler extends ChannelInboundHandlerAdapter {
  private static final Logger LOG = LoggerFactory.getLogger(ProtocolErrorHandler.class);
  private final Consumer<Throwable> report;
  private boolean reported;

  public ProtocolErrorHandler(Consumer<Throwable> report) {
    this.report = report;
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    Throwable c = cause instanceof DecoderException && cause.getCause() instanceof FrameException
        ? cause.getCause() : cause;
    if (!reported) {
      reported = true;
      LOG.warn("mirror link {}: {}; closing the connection", ctx.channel().remoteAddress(), c.getMessage());
      report.accept(c);
    }
    ctx.close();
  }
}

package io.zoneha.engine.spi;

import io.zoneha.engine.config.Params;
import java.util.List;

/** A kind of monitor resource ({@code pidw}, {@code awsvipw}, ...), found through ServiceLoader. */
public interface MonitorType {
  String type();

  List<FieldProblem> validate(Params params);

  MonitorDriver create(MonitorContext context);
}

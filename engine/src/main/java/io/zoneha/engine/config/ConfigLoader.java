package io.zoneha.engine.config;

import io.zoneha.engine.spi.TypeRegistry;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * Reads cluster.yaml into a validated {@link ClusterConfig}, or the list of everything wrong
 * with it: YAML syntax ({@code line L, column C}), shape (unknown keys, wrong kinds of value),
 * and meaning (ranges, references, type-specific fields), each naming the path of the field.
 * After a successful validation the monitors that resource types add by themselves are appended.
 */
public final class ConfigLoader {
  /** Length of {@link ClusterConfig#fingerprint()} in hex characters. */
  public static final int FINGERPRINT_HEX_CHARS = 16;

  private final TypeRegistry registry;

  public ConfigLoader(TypeRegistry registry) {
    this.registry = registry;
  }

  /** Loads a file; a relative {@code secretFile} is resolved against the file's directory. */
  public LoadResult load(Path file) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      return LoadResult.failed(List.of(new ConfigProblem(file.toString(), "cannot read the file: " + e)));
    }
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      return LoadResult.failed(List.of(new ConfigProblem(file.toString(), "not UTF-8 text")));
    }
    Path dir = file.toAbsolutePath().getParent();
    return parse(text, file.toString(), bytes, dir == null ? Path.of("") : dir);
  }

  /**
   * Parses YAML text; {@code sourceName} names it in problems about the whole document, and a
   * relative {@code secretFile} is resolved against the working directory.
   */
  public LoadResult parse(String yamlText, String sourceName) {
    return parse(yamlText, sourceName, yamlText.getBytes(StandardCharsets.UTF_8), Path.of(""));
  }

  private LoadResult parse(String text, String sourceName, byte[] bytes, Path baseDir) {
    Node root;
    try {
      root = compose(text, sourceName);
    } catch (YamlEngineException e) {
      return LoadResult.failed(List.of(syntaxProblem(e, sourceName)));
    }
    if (root == null || !(root instanceof org.snakeyaml.engine.v2.nodes.MappingNode)) {
      return LoadResult.failed(List.of(new ConfigProblem(sourceName, root == null ? "the file is empty"
          : "expected a mapping with the keys " + String.join(", ", ConfigKeys.ROOT.names()) + " at the top")));
    }
    Problems problems = new Problems();
    ClusterConfig draft = new ConfigParser(problems, new SecretSource(baseDir, problems))
        .parse(new YamlNode(root, "", problems), fingerprint(bytes));
    problems.endParsing();
    ConfigValidator validator = new ConfigValidator(registry, problems);
    validator.validate(draft);
    if (!problems.isEmpty()) {
      return LoadResult.failed(problems.list());
    }
    ClusterConfig full = validator.withAutoMonitors(draft);
    return problems.isEmpty() ? LoadResult.ok(full) : LoadResult.failed(problems.list());
  }

  private static Node compose(String text, String sourceName) {
    LoadSettings settings = LoadSettings.builder()
        .setLabel(sourceName)
        .setSchema(new CoreSchema())
        .setMaxAliasesForCollections(50)
        .build();
    Iterator<Node> docs = new Compose(settings).composeAllFromString(text).iterator();
    if (!docs.hasNext()) {
      return null;
    }
    Node first = docs.next();
    if (docs.hasNext()) {
      Node second = docs.next();
      Optional<Mark> mark = second.getStartMark();
      throw new SecondDocument(mark);
    }
    return first;
  }

  /** A second "---" document; cluster.yaml holds exactly one. */
  private static final class SecondDocument extends YamlEngineException {
    private final Optional<Mark> mark;

    SecondDocument(Optional<Mark> mark) {
      super("a second YAML document starts here; cluster.yaml holds exactly one");
      this.mark = mark;
    }
  }

  /**
   * The problem of a syntax error, at 1-based line and column. Only the parser's own words are
   * used, never its snippet of the offending line: that line could hold the secret.
   */
  static ConfigProblem syntaxProblem(YamlEngineException e, String sourceName) {
    Optional<Mark> mark = Optional.empty();
    String message = e.getMessage();
    if (e instanceof MarkedYamlEngineException m) {
      mark = m.getProblemMark().or(m::getContextMark);
      message = m.getProblem();
      if (m.getContext() != null && !m.getContext().isEmpty()) {
        message = message + " (" + m.getContext() + ")";
      }
    } else if (e instanceof SecondDocument d) {
      mark = d.mark;
    }
    if (message != null && message.contains("<block")) {
      message = message + "; check the indentation of this line and the lines above it";
    }
    String path = mark.map(k -> "line " + (k.getLine() + 1) + ", column " + (k.getColumn() + 1)).orElse(sourceName);
    return new ConfigProblem(path, "YAML syntax error: " + (message == null ? "unreadable" : message));
  }

  static String fingerprint(byte[] bytes) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
      return HexFormat.of().formatHex(digest).substring(0, FINGERPRINT_HEX_CHARS);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}

package io.zoneha.resources.aws.emulator;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/** A tiny XML writer (elements and escaped text only) and DOM helpers for request bodies. */
final class Xml {
  private final StringBuilder sb = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");

  Xml open(String name) {
    sb.append('<').append(name).append('>');
    return this;
  }

  Xml openNs(String name, String ns) {
    sb.append('<').append(name).append(" xmlns=\"").append(ns).append("\">");
    return this;
  }

  Xml close(String name) {
    sb.append("</").append(name).append('>');
    return this;
  }

  /** An element with text; skipped when {@code value} is null (AWS omits absent fields). */
  Xml el(String name, Object value) {
    if (value != null) {
      sb.append('<').append(name).append('>').append(escape(String.valueOf(value)))
          .append("</").append(name).append('>');
    }
    return this;
  }

  Xml empty(String name) {
    sb.append('<').append(name).append("/>");
    return this;
  }

  @Override
  public String toString() {
    return sb.toString();
  }

  static String escape(String s) {
    StringBuilder out = new StringBuilder(s.length());
    for (char c : s.toCharArray()) {
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&apos;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  /** Parses a request body with DTDs and external entities refused. */
  static Element parse(String body) {
    try {
      DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
      f.setNamespaceAware(true);
      f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
      f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
      DocumentBuilder b = f.newDocumentBuilder();
      return b.parse(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)))
          .getDocumentElement();
    } catch (Exception e) {
      throw AwsError.badRequest("InvalidInput", "Could not parse the XML request body: " + e.getMessage());
    }
  }

  static List<Element> children(Element parent, String name) {
    List<Element> out = new ArrayList<>();
    if (parent == null) {
      return out;
    }
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && name.equals(e.getLocalName())) {
        out.add(e);
      }
    }
    return out;
  }

  static Element child(Element parent, String name) {
    List<Element> l = children(parent, name);
    return l.isEmpty() ? null : l.get(0);
  }

  static String text(Element parent, String name) {
    Element e = child(parent, name);
    return e == null ? null : e.getTextContent().trim();
  }
}

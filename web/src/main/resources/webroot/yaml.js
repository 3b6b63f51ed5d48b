// A small YAML writer for the wizard's model: block maps and lists, flow lists of scalars,
// strings quoted whenever a plain scalar could be read as something else.

const PLAIN = /^[A-Za-z_\/][A-Za-z0-9_.\/-]*$/;
const RESERVED = /^(true|false|yes|no|on|off|null|y|n|~)$/i;

export function scalar(v) {
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  const s = String(v);
  return PLAIN.test(s) && !RESERVED.test(s) ? s : JSON.stringify(s);
}

function isScalar(v) {
  return v === null || typeof v !== 'object';
}

/** Writes a plain object (insertion order kept) as a YAML document. */
export function toYaml(obj) {
  return lines(obj, 0).join('\n') + '\n';
}

function lines(v, indent) {
  const pad = ' '.repeat(indent);
  const out = [];
  if (Array.isArray(v)) {
    for (const item of v) {
      if (isScalar(item)) {
        out.push(pad + '- ' + scalar(item));
      } else {
        const inner = lines(item, indent + 2);
        out.push(pad + '- ' + inner[0].slice(indent + 2), ...inner.slice(1));
      }
    }
    return out;
  }
  for (const [k, val] of Object.entries(v)) {
    if (val === undefined) continue;
    if (isScalar(val)) out.push(pad + k + ': ' + scalar(val));
    else if (Array.isArray(val) && val.every(isScalar)) out.push(pad + k + ': [' + val.map(scalar).join(', ') + ']');
    else if (!Array.isArray(val) && Object.keys(val).length === 0) out.push(pad + k + ': {}');
    else out.push(pad + k + ':', ...lines(val, indent + 2));
  }
  return out;
}

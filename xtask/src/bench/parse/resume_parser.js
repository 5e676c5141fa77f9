// Runs the npm package resume-parser (1.1.0) on every PDF given, writing NNN.json into OUT and
// printing "NNN MS" per file. Its index calls a function that does not exist, so this uses its
// parseIt module directly, the way its own index meant to.
const path = require('path');
const fs = require('fs');
// resume-parser 1.1.0 calls mime 1's lookup/extension and its textract dependency mime 2's
// getType; whichever copy each resolves to gets both names.
for (const from of ['resume-parser/src/utils/libs/processing.js', 'textract/lib/index.js']) {
  const mime = require(require.resolve('mime', { paths: [path.dirname(require.resolve(from))] }));
  if (!mime.lookup && mime.getType) mime.lookup = mime.getType.bind(mime);
  if (!mime.extension && mime.getExtension) mime.extension = mime.getExtension.bind(mime);
  if (!mime.getType && mime.lookup) mime.getType = mime.lookup.bind(mime);
}
const parseIt = require('resume-parser/src/utils/parseIt');
const [out, ...pdfs] = process.argv.slice(2);
const parse = (pdf) => new Promise((resolve) => parseIt.parseResumeFile(pdf, out, (file, error) => resolve(error)));
(async () => {
  for (const pdf of pdfs) {
    const id = path.basename(pdf, '.pdf');
    const started = process.hrtime.bigint();
    const error = await parse(pdf);
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    const written = path.join(out, id + '.pdf.json');
    if (fs.existsSync(written)) fs.renameSync(written, path.join(out, id + '.json'));
    else fs.writeFileSync(path.join(out, id + '.json'), '{}');
    console.log(id + ' ' + ms.toFixed(2) + (error ? ' error' : ''));
  }
})();

// Reads GIFT text on stdin, prints what gift-pegjs parses it to (JSON) on stdout.
const { parse } = require("gift-pegjs");
const chunks = [];
process.stdin.on("data", (chunk) => chunks.push(chunk));
process.stdin.on("end", () => {
  process.stdout.write(JSON.stringify(parse(Buffer.concat(chunks).toString("utf8"))));
});

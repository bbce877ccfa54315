// Replicates a Linked Data Event Stream with ldes-client and prints the IRI of every member it emits, one a line.
// Usage: node ldes-members.mjs URL [STATE_DIR]   (with STATE_DIR, a later run resumes and emits only new members)
import { replicateLDES, intoConfig } from "ldes-client";

const [url, statePath] = process.argv.slice(2);
if (!url) {
    console.error("usage: node ldes-members.mjs URL [STATE_DIR]");
    process.exit(2);
}
const client = replicateLDES(intoConfig({ url, statePath, polling: false, noShape: true }), "none");
client.on("error", (e) => console.error("ldes-client error:", e));
const reader = client.stream({ highWaterMark: 10 }).getReader();
for (let r = await reader.read(); !r.done; r = await reader.read()) {
    if (r.value) {
        console.log(r.value.id.value);
    }
}
console.error(`members: ${client.memberCount}, fragments: ${client.fragmentCount}`);

"""rdflib's SPARQLStore against the Atlas: SELECT, ASK, CONSTRUCT and DESCRIBE, by GET, POST (the query as the
body) and POST_FORM, with each returnFormat it has. Prints "ok ..." or "FAIL ..." per case, then "cases N"."""
import sys
import warnings

import rdflib
from rdflib.plugins.stores.sparqlstore import SPARQLStore

warnings.simplefilter("ignore")
endpoint = sys.argv[1]
PA = "PREFIX pa: <https://w3id.org/partnership-atlas/def#> "
QUERIES = {
    "SELECT": PA + "SELECT ?l WHERE { ?l a pa:Locality } LIMIT 3",
    "ASK": PA + "ASK { ?l a pa:Locality }",
    "CONSTRUCT": PA + "CONSTRUCT { ?l a pa:Locality } WHERE { ?l a pa:Locality } LIMIT 3",
    "DESCRIBE": "DESCRIBE <https://w3id.org/partnership-atlas/id/locality/newham>",
}
# SPARQLStore's result formats for SELECT and ASK; for CONSTRUCT and DESCRIBE it needs an RDF one.
RESULT_FORMATS = ["xml", "json", "csv", "tsv"]
GRAPH_FORMATS = ["xml", "application/rdf+xml"]

cases = 0
for form, query in QUERIES.items():
    for method in ("GET", "POST", "POST_FORM"):
        for fmt in RESULT_FORMATS if form in ("SELECT", "ASK") else GRAPH_FORMATS:
            if form == "ASK" and fmt in ("csv", "tsv"):
                continue  # rdflib reads no boolean from CSV or TSV
            cases += 1
            name = "%s %s %s" % (form, method, fmt)
            try:
                store = SPARQLStore(endpoint, method=method, returnFormat=fmt)
                result = rdflib.Graph(store=store).query(query)
                if form == "ASK":
                    good = result.askAnswer is True
                elif form == "SELECT":
                    good = len(list(result)) == 3
                else:
                    good = len(result.graph) > 0
                print("ok" if good else "FAIL", name)
            except Exception as e:
                print("FAIL", name, type(e).__name__, str(e)[:300].replace("\n", " "))
print("cases", cases)

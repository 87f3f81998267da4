#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Writes an all-regions Azure price list from a one-region one: every item of PAGES (Azure
Retail Prices API pages, one or several concatenated) repeated in each of 60 regions, prices
varied by up to 6% a region, one page a region. For the business case's cost on a list of
every region against one (docs/performance.md, issue 32).
Usage: all_regions.py PAGES OUT"""
import json
import sys

REGIONS = """uksouth ukwest northeurope westeurope francecentral francesouth germanywestcentral
germanynorth norwayeast norwaywest swedencentral switzerlandnorth switzerlandwest polandcentral
italynorth spaincentral eastus eastus2 westus westus2 westus3 centralus northcentralus
southcentralus westcentralus canadacentral canadaeast brazilsouth brazilsoutheast mexicocentral
eastasia southeastasia japaneast japanwest koreacentral koreasouth australiaeast
australiasoutheast australiacentral australiacentral2 centralindia southindia westindia
jioindiawest jioindiacentral uaenorth uaecentral qatarcentral israelcentral southafricanorth
southafricawest newzealandnorth indonesiacentral malaysiawest chilecentral taiwannorth
eastus2euap centraluseuap usgovvirginia usgovtexas""".split()


def pages(text):
    decoder, pos = json.JSONDecoder(), 0
    while True:
        while pos < len(text) and text[pos].isspace():
            pos += 1
        if pos >= len(text):
            return
        page, pos = decoder.raw_decode(text, pos)
        yield page


def main():
    source, out = sys.argv[1:3]
    with open(source, encoding="utf-8") as f:
        read = list(pages(f.read()))
    items = [item for page in read for item in page["Items"]]
    written = []
    for i, region in enumerate(REGIONS):
        copies = []
        for item in items:
            copy = dict(item, armRegionName=region, location=region)
            if region != "uksouth" and isinstance(copy.get("retailPrice"), (int, float)):
                copy["retailPrice"] = copy["unitPrice"] = round(copy["retailPrice"] * (1 + 0.01 * (i % 7)), 4)
            copies.append(copy)
        written.append(json.dumps(dict(read[0], Items=copies, Count=len(copies), NextPageLink=None), indent=2))
    with open(out, "w", encoding="utf-8") as f:
        f.write("\n".join(written) + "\n")


if __name__ == "__main__":
    main()

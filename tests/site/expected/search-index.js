/* termc search index: generated, do not edit. */
var TERMC_SEARCH = [];
var TERMC_SEARCH_DOCS = ["acme/hosting/search.js"];

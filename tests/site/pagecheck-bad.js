var TERMC_MATRIX = window.TERMC_MATRIX || {};
TERMC_MATRIX[1] = [
["a/b","<th id=\"x\" onmouseover=\"y\">A</th>",["<td><a href=\"javascript:z\">1</a></td>","<td><script>alert(1)</script></td>","<td><img src=\"data:x\"></td>"]],
["c/d","<th>C</th>",[1]]
];

var TERMC_MATRIX_COLS = [
["acme/hosting","Acme, Inc. \"Hosting\"","アクメ・ホスティング利用約款",1],
["beta/cloud","ベータ株式会社","ベータクラウド約款",2]
];

package redact

import (
	"bytes"
	"strings"
	"testing"
)

// kvRow is one spec: input, and what Default().String must return.
type kvRow struct{ name, in, want string }

// phKeyed is the keyed-secret placeholder, to keep the tables readable.
const phKeyed = "[REDACTED:keyed-secret]"

// checkKVRows runs every row one-shot and as a stream split at every offset
// (and byte by byte), which must all give the same output.
func checkKVRows(t *testing.T, r *Redactor, rows []kvRow) {
	t.Helper()
	for _, tc := range rows {
		t.Run(tc.name, func(t *testing.T) {
			got := r.String(tc.in)
			if got != tc.want {
				t.Fatalf("String(%q)\n got %q\nwant %q", tc.in, got, tc.want)
			}
			in := []byte(tc.in)
			for c := 0; c <= len(in); c++ {
				if s := streamOf(t, r, in, c); string(s) != tc.want {
					t.Fatalf("stream split at %d of %q\n got %q\nwant %q", c, tc.in, s, tc.want)
				}
			}
			var cuts []int
			for c := 1; c < len(in); c++ {
				cuts = append(cuts, c)
			}
			if s := streamOf(t, r, in, cuts...); string(s) != tc.want {
				t.Fatalf("byte-by-byte stream of %q\n got %q\nwant %q", tc.in, s, tc.want)
			}
			if again := r.String(got); again != got {
				t.Fatalf("not idempotent: %q -> %q", got, again)
			}
		})
	}
}

// Every syntax a key/value pair is written in.
var keyedSyntaxRows = []kvRow{
	// Codes: a PIN or one-time password of 4 to 12 digits.
	{"pin", "login ok pin=4821 user=bob", "login ok pin=" + phKeyed + " user=bob"},
	{"PIN colon", "PIN: 123456", "PIN: " + phKeyed},
	{"otp json", `{"otp": "123456"}`, `{"otp": "` + phKeyed + `"}`},
	{"otp_code", "otp_code=998877", "otp_code=" + phKeyed},
	// A card's security code: 3 or 4 digits.
	{"cvv", "card=visa cvv=123 exp=12/29", "card=visa cvv=" + phKeyed + " exp=12/29"},
	{"CVC colon", "CVC: 4821", "CVC: " + phKeyed},
	{"card_cvv2 json", `{"card_cvv2": "987"}`, `{"card_cvv2": "` + phKeyed + `"}`},
	{"cvv not a code", "cvv=required cvv: 12 csc=12345 cvv_length=3", "cvv=required cvv: 12 csc=12345 cvv_length=3"},
	// A password that starts with '$' but mixes cases and digits is not a
	// variable reference.
	{"dollar password", "password=$uperSecret2024", "password=" + phKeyed},
	{"dollar password json", `{"password":"$uperSecret2024"}`, `{"password":"` + phKeyed + `"}`},
	// A weak word after a strong noun in running text is a value when
	// another pair follows it: a list of pairs, not a sentence.
	{"prose pair list", "connecting with password: shadow, user: admin", "connecting with password: " + phKeyed + ", user: admin"},
	{"prose pair list blank", "db password: qwerty host: db1", "db password: " + phKeyed + " host: db1"},
	{"prose pair list logfmt", "user=bob password: abc ok=1", "user=bob password: " + phKeyed + " ok=1"},
	{"prose pair list semicolon", "login ok for bob; secret: lantern; role=admin", "login ok for bob; secret: " + phKeyed + "; role=admin"},
	// A quote, backslash or bracket glued inside a plain value is one
	// more password character.
	{"quote inside value", "password=Xy7'kLm9Qr2Tz ok=1", "password=" + phKeyed + " ok=1"},
	{"backtick inside value", "password=Xy7`kLm9Qr2Tz ok=1", "password=" + phKeyed + " ok=1"},
	{"backslash inside value", `password=back\slash9X ok=1`, "password=" + phKeyed + " ok=1"},
	{"open paren, never closed", "password=Xy7(kLm9Qr2Tz", "password=" + phKeyed},
	{"open brace, never closed", "password=Xy7{kLm9Qr2Tz ok", "password=" + phKeyed + " ok"},
	{"angle bracket inside", "login password=Tdq7<Uezmk9FuFO status=ok", "login password=" + phKeyed + " status=ok"},
	{"a tag after the value ends it", "password=abc123x<br/>", "password=" + phKeyed + "<br/>"},
	{"close bracket inside", "password=Xy7]kLm9Qr2Tz ok", "password=" + phKeyed + " ok"},
	{"escaped newline ends it", `msg="password=abc123x\nnext"`, `msg="password=` + phKeyed + `\nnext"`},
	// A password glued to mysql's -p is not a flag whose value follows:
	// the database name stays.
	{"mysql glued password", "mysql -u root -pS3cretPass99 orders", "mysql -u root -p[REDACTED:cli-password] orders"},
	{"mysql glued password word", "mysql -u root -pMyPassword1 orders", "mysql -u root -p[REDACTED:cli-password] orders"},
	// aws configure set takes a name and its value.
	{"aws configure set", "aws configure set aws_secret_access_key wJalrXUtnFEMI/K7MDENG/bPxRfiCYz8Hk3Lm9Qa", "aws configure set aws_secret_access_key " + phKeyed},
	// A .netrc password is one whatever it looks like.
	{"netrc password", "machine api.example.com login bob password hunter@home", "machine api.example.com login bob password " + phKeyed},
	// A bare "key" is an API key as a URL query or fragment parameter.
	{"query key", "GET https://api.acme.io/v2/items?key=CorrectVelvet2728&page=2 200", "GET https://api.acme.io/v2/items?key=" + phKeyed + "&page=2 200"},
	{"fragment key", "redirecting to /cb#key=YD!nFeA9sdRadS30&token_type=Bearer", "redirecting to /cb#key=" + phKeyed + "&token_type=Bearer"},
	{"query key lookup", "GET /cache?key=user&x=1", "GET /cache?key=user&x=1"},
	// A shell expansion's default is a value; an empty one is not.
	{"shell default", "DB_PASSWORD=${DB_PASSWORD:-S3cretDefault9}", "DB_PASSWORD=${DB_PASSWORD:-" + phKeyed + "}"},
	{"shell default empty", "DB_PASSWORD=${DB_PASSWORD:-}", "DB_PASSWORD=${DB_PASSWORD:-}"},
	{"shell default variable", "TOKEN=${TOKEN:=$FALLBACK}", "TOKEN=${TOKEN:=$FALLBACK}"},
	// A label that ends its string is no pair; a pair inside one is.
	{"prompt label", `password = getpass.getpass("Password: ")`, `password = getpass.getpass("Password: ")`},
	{"prompt label js", `let password = prompt("Password:");`, `let password = prompt("Password:");`},
	{"read -p label", `read -p "Token: " TOKEN`, `read -p "Token: " TOKEN`},
	{"pair in a string", `echo "password: hunter2xyz"`, `echo "password: ` + phKeyed + `"`},
	{"pair in a string, other quote", `log('password: "Zz9!secret"')`, `log('password: "` + phKeyed + `"')`},
	{"null as a string", `{"secret": "null", "token": "None"}`, `{"secret": "null", "token": "None"}`},
	// Shells and configuration directives that take a name and its value.
	{"setx", `setx NPM_TOKEN "f6266bcf4fbc1036ac3e2a4b1a4903bb"`, `setx NPM_TOKEN "` + phKeyed + `"`},
	{"fish set -gx", "set -gx DB_PASSWORD GraniteFalcon2090!", "set -gx DB_PASSWORD " + phKeyed},
	{"fish set -x letters", "set -x NPM_TOKEN wQNlU5INIPXnZ", "set -x NPM_TOKEN " + phKeyed},
	{"fish set other", "set -x PATH /usr/bin", "set -x PATH /usr/bin"},
	{"redis requirepass", "requirepass i082LoViWHPs6ldbhN4Gn1xNVIF6Rfc", "requirepass " + phKeyed},
	{"redis masterauth", "masterauth okqKFcAVYJR", "masterauth " + phKeyed},
	{"redis example commented", "# requirepass foobared", "# requirepass foobared"},
	{"redis directive in prose", "the requirepass directive sets it", "the requirepass directive sets it"},
	// References to a secret, not secrets.
	{"terraform reference", "password = random_password.db.result", "password = random_password.db.result"},
	{"terraform variable", "password = var.db_password", "password = var.db_password"},
	{"1password reference", "secret: op://Engineering/db-prod/password", "secret: op://Engineering/db-prod/password"},
	{".netrc", "machine api.acme.com login deploy password shVI7S7ilSU9wvIcRm", "machine api.acme.com login deploy password " + phKeyed},
	{"vault login", "vault login -method=userpass username=ops password S3cur387@@ (attempt 5/5)", "vault login -method=userpass username=ops password " + phKeyed + " (attempt 5/5)"},
	{"SQL WITH PASSWORD", "ALTER USER app WITH PASSWORD 'Velvet9958?'; took 797.9ms", "ALTER USER app WITH PASSWORD '" + phKeyed + "'; took 797.9ms"},
	{"spaced noun, prose after", "Failed password for invalid user admin from 1.2.3.4 port 22 ssh2", "Failed password for invalid user admin from 1.2.3.4 port 22 ssh2"},
	{"spaced noun, plain word", "password reset requested for bob", "password reset requested for bob"},
	{"spaced noun, takes one word", "password Zq8!rT2#x is set", "password " + phKeyed + " is set"},
	{"k=v", "password=hunter2", "password=" + phKeyed},
	{"k=v mid line", "login user=bob password=hunter2 ok=1", "login user=bob password=" + phKeyed + " ok=1"},
	{"k = v (TOML/INI)", "password = hunter2", "password = " + phKeyed},
	{"TOML quoted", `password = "hunter2"`, `password = "` + phKeyed + `"`},
	{"INI section value", "db_password=Zq8!rT2#", "db_password=" + phKeyed},
	{"k: v at line start", "password: hunter2", "password: " + phKeyed},
	{"k: v YAML indented", "    password: hunter2", "    password: " + phKeyed},
	{"YAML list item", "  - password: hunter2", "  - password: " + phKeyed},
	{"YAML double quoted", `  password: "hunter 2"`, `  password: "` + phKeyed + `"`},
	{"YAML single quoted", `  password: 'hunter 2'`, `  password: '` + phKeyed + `'`},
	{"JSON", `{"password":"hunter2"}`, `{"password":"` + phKeyed + `"}`},
	{"JSON spaced", `{ "password" : "hunter2" }`, `{ "password" : "` + phKeyed + `" }`},
	{"JSON number", `{"password":12345678}`, `{"password":` + phKeyed + `}`},
	{"JSON in second field", `{"user":"bob","password":"p@ss word!","x":1}`, `{"user":"bob","password":"` + phKeyed + `","x":1}`},
	{"JSON escaped quote in value", `{"password":"a\"b\\c"}`, `{"password":"` + phKeyed + `"}`},
	{"JSON escaped inside a string", `{"msg":"{\"password\":\"hunter2\",\"user\":\"bob\"}"}`, `{"msg":"{\"password\":\"` + phKeyed + `\",\"user\":\"bob\"}"}`},
	{"k=\"v\"", `password="hunter2"`, `password="` + phKeyed + `"`},
	{"k='v'", `password='hunter2'`, `password='` + phKeyed + `'`},
	{"k=`v`", "password=`hunter2`", "password=`" + phKeyed + "`"},
	{"quoted value with spaces", `password="correct horse battery staple"`, `password="` + phKeyed + `"`},
	{"query string", "GET /login?user=bob&password=hunter2&next=%2F HTTP/1.1", "GET /login?user=bob&password=" + phKeyed + "&next=%2F HTTP/1.1"},
	{"query string first", "https://api.example.com/v2/items?api_key=Zx81kLmQ02pR77ab&page=2", "https://api.example.com/v2/items?api_key=" + phKeyed + "&page=2"},
	{"form body", "grant_type=password&username=bob&password=p%40ss&client_secret=abc123", "grant_type=password&username=bob&password=" + phKeyed + "&client_secret=" + phKeyed},
	{"env dump", "DB_PASSWORD=s3cr3t!", "DB_PASSWORD=" + phKeyed},
	{"export", "export API_KEY=abcd1234efgh", "export API_KEY=" + phKeyed},
	{"export quoted", `export API_KEY="abcd1234efgh"`, `export API_KEY="` + phKeyed + `"`},
	{"docker env array", `"Env":["PATH=/usr/bin","DB_PASSWORD=s3cret","HOME=/root"]`, `"Env":["PATH=/usr/bin","DB_PASSWORD=` + phKeyed + `","HOME=/root"]`},
	{"HTTP header", "X-Api-Key: 3f9a8b7c6d5e", "X-Api-Key: " + phKeyed},
	{"HTTP header token", "X-Auth-Token: a1b2c3d4e5", "X-Auth-Token: " + phKeyed},
	{"XML", "<password>hunter2</password>", "<password>" + phKeyed + "</password>"},
	{"XML nested", "<user><name>bob</name><password>hunter 2</password></user>", "<user><name>bob</name><password>" + phKeyed + "</password></user>"},
	{"--flag value", "mysql --password hunter2 --host db", "mysql --password " + phKeyed + " --host db"},
	{"--flag before a shell operator has no value", "mysql --password | tee out.log; app --api-key > key.txt", "mysql --password | tee out.log; app --api-key > key.txt"},
	{"--flag=value", "mysql --password=hunter2 --host db", "mysql --password=" + phKeyed + " --host db"},
	{"--flag quoted", `app --api-key "k3y-v4lue" -v`, `app --api-key "` + phKeyed + `" -v`},
	{"--db-password", "run --db-password s3cret", "run --db-password " + phKeyed},
	{"Go :=", `password := "hunter2"`, `password := "` + phKeyed + `"`},
	{"Go assignment", `cfg.Password = "hunter2"`, `cfg.Password = "` + phKeyed + `"`},
	{"Python", `client_secret = 'abc123def'`, `client_secret = '` + phKeyed + `'`},
	{"PHP =>", `"password" => "hunter2",`, `"password" => "` + phKeyed + `",`},
	{"PHP => single", `'password' => 'hunter2'`, `'password' => '` + phKeyed + `'`},
	{"Ruby symbol", `password: "hunter2"`, `password: "` + phKeyed + `"`},
	{"logfmt", `level=info msg="login" password=hunter2 user=bob`, `level=info msg="login" password=` + phKeyed + ` user=bob`},
	{"two on a line", "password=a1b2c3 token=z9y8x7w6", "password=" + phKeyed + " token=" + phKeyed},
	{"comma separated", "user=bob,password=hunter2,port=5432", "user=bob,password=" + phKeyed + ",port=5432"},
	{"semicolon connection string", "Server=db;Database=app;User Id=sa;Password=Str0ng!Pass;", "Server=db;Database=app;User Id=sa;Password=" + phKeyed + ";"},
	{"value to line end only", "password=abc\nnext line", "password=" + phKeyed + "\nnext line"},
	{"CRLF", "password: hunter2\r\nuser: bob\r\n", "password: " + phKeyed + "\r\nuser: bob\r\n"},
	{"dotted key", "spring.datasource.password=hunter2", "spring.datasource.password=" + phKeyed},
	{"dotted YAML path", "db.password: hunter2", "db.password: " + phKeyed},
	{"after a delimiter", "{password: hunter2}", "{password: " + phKeyed + "}"},
	{"numeric password", "password=12345678", "password=" + phKeyed},
	{"short password", "pwd=ab", "pwd=" + phKeyed},
	{"YAML plain value with spaces", "password: correct horse battery", "password: " + phKeyed},
	{"YAML value then comment", "  password: hunter 2 # rotated 2026", "  password: " + phKeyed + " # rotated 2026"},
	{"INI value with spaces", "secret = two words", "secret = " + phKeyed},
	{"trailing spaces kept", "Password:   hunter2   ", "Password:   " + phKeyed + "   "},
	{"more fields: not extended", "token: abc123, expires: 3600", "token: " + phKeyed + ", expires: 3600"},
	{"logfmt at line start: not extended", "password=hunter2 user=bob", "password=" + phKeyed + " user=bob"},
	{"JSON list of strings", `{"api_keys": ["k-1a2b3c", "k-4d5e6f"], "n": 2}`, `{"api_keys": ["` + phKeyed + `", "` + phKeyed + `"], "n": 2}`},
	{"YAML flow list", `secrets: ['a1b2', "c3d4"]`, `secrets: ['` + phKeyed + `', "` + phKeyed + `"]`},
	{"JSON list of cookies", `"set-cookie": ["a=1; Path=/", "b=2"]`, `"set-cookie": ["` + phKeyed + `", "` + phKeyed + `"]`},
	{"java -phDSN property", "java -Djavax.net.ssl.keyStorePassword=changeit -jar app.jar", "java -Djavax.net.ssl.keyStorePassword=" + phKeyed + " -jar app.jar"},
	{"single-dash flag", "app -password hunter2 -v", "app -password " + phKeyed + " -v"},
	{"URL fragment", "https://app.example.com/cb#access_token=abc123def456&state=xyz", "https://app.example.com/cb#access_token=" + phKeyed + "&state=xyz"},
	{"XML namespace", "<ns:password>hunter2</ns:password>", "<ns:password>" + phKeyed + "</ns:password>"},
	{"XML without closing tag", "<password>hunter2", "<password>" + phKeyed},
	{"JSON two levels deep", `{"log":"{\\\"password\\\":\\\"hunter2\\\"}"}`, `{"log":"{\\\"password\\\":\\\"` + phKeyed + `\\\"}"}`},
	{"Kubernetes env pair", `"env":[{"name":"DB_PASSWORD","value":"s3cret"},{"name":"PORT","value":"5432"}]`, `"env":[{"name":"DB_PASSWORD","value":"` + phKeyed + `"},{"name":"PORT","value":"5432"}]`},
	{"env pair spaced", `{"name": "API_KEY", "value": "Zx81kLmQ"}`, `{"name": "API_KEY", "value": "` + phKeyed + `"}`},
	{"env pair escaped", `{\"name\":\"api_token\",\"value\":\"abc123\"}`, `{\"name\":\"api_token\",\"value\":\"` + phKeyed + `\"}`},
	{"CloudFormation parameter", `{"ParameterKey":"DBPassword","ParameterValue":"Pg-s3cret"}`, `{"ParameterKey":"DBPassword","ParameterValue":"` + phKeyed + `"}`},
	{"presigned URL", "https://b.s3.amazonaws.com/o?X-Amz-Credential=AKID%2F20260101%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Signature=fe5f80f77d5fa3beca038a248ff027d0", "https://b.s3.amazonaws.com/o?X-Amz-Credential=" + phKeyed + "&X-Amz-Signature=" + phKeyed},
	{"SAS sig", "https://acct.blob.core.windows.net/c/b?sv=2022-11-02&sig=Zx81kLmQ02pR77abcd%3D&se=2026", "https://acct.blob.core.windows.net/c/b?sv=2022-11-02&sig=" + phKeyed + "&se=2026"},
	{"weak noun mid-line, typed password without digits", "[cron] spring.datasource.token: TBIQn!.PAzwm trace_id=a663", "[cron] spring.datasource.token: " + phKeyed + " trace_id=a663"},
	{"weak noun mid-line, '=' inside", "user=bob authToken: a=b=c==aHmD request_id=85", "user=bob authToken: " + phKeyed + " request_id=85"},
	{"scheme then token68, then a message", "Authorization: Basic YWxpY2U6TmltYnVz (attempt 1/5)", "Authorization: Basic [REDACTED:basic-auth] (attempt 1/5)"},
	{"a whole credential, then a message", "TOKEN: b4954f48-a936-48ce-93d3-ee3d8b881a18 took 213.1ms", "TOKEN: " + phKeyed + " took 213.1ms"},
	{"weak noun mid-line, '@' in the value", "*62055 GITHUB_TOKEN: S3cur370@@, client: 10.0.237.241", "*62055 GITHUB_TOKEN: " + phKeyed + ", client: 10.0.237.241"},
	{"dotted weak noun mid-line, '@' inside", `msg="loaded" slack.bot.token: Zx9#kL@20241wA trace=1`, `msg="loaded" slack.bot.token: ` + phKeyed + ` trace=1`},
	{"& inside a value", "login failed password=Tr0ub4dor&3 ip=10.0.0.1", "login failed password=" + phKeyed + " ip=10.0.0.1"},
	{"& before a field", "password=hunter2&next=/home", "password=" + phKeyed + "&next=/home"},
	{"&amp; before a field", `<a href="/login?password=hunter2&amp;next=/">`, `<a href="/login?password=` + phKeyed + `&amp;next=/">`},
	{"; inside a value", "password=pa;ss ok", "password=" + phKeyed + " ok"},
	{"; before a field", "Password=Str0ng;Encrypt=True;", "Password=" + phKeyed + ";Encrypt=True;"},
	{", then a space", "password=hunter2, user=bob", "password=" + phKeyed + ", user=bob"},
	{"Python subscript", `app.config['SECRET_KEY'] = 'Zx81kLmQ02pR77ab'`, `app.config['SECRET_KEY'] = '` + phKeyed + `'`},
	{"Python environ", `os.environ["OPENAI_API_KEY"] = "sk-abc123"`, `os.environ["OPENAI_API_KEY"] = "` + phKeyed + `"`},
	{"call arguments", `config.set("api_key", "Zx81kLmQ02pR77ab")`, `config.set("api_key", "` + phKeyed + `")`},
	{"Go Setenv", `os.Setenv("DB_PASSWORD", "s3cret")`, `os.Setenv("DB_PASSWORD", "` + phKeyed + `")`},
	{"Python f-string", `headers = {"Authorization": f"Bearer {token}", "X-Api-Key": "Zx81kLmQ02pR77ab"}`, `headers = {"Authorization": f"Bearer {token}", "X-Api-Key": "` + phKeyed + `"}`},
	{"Python f-string literal", `h = {"Authorization": f"Token abc123{x}"}`, `h = {"Authorization": f"Token ` + phKeyed + `"}`},
	{".NET appSettings", `<add key="ApiKey" value="Zx81kLmQ02pR77ab"/>`, `<add key="ApiKey" value="` + phKeyed + `"/>`},
	{"Java properties XML", `<entry key="password">hunter2</entry>`, `<entry key="password">` + phKeyed + `</entry>`},
	{"Rails secret_key_base", "SECRET_KEY_BASE=9f8e7d6c5b4a39281706f5e4d3c2b1a0", "SECRET_KEY_BASE=" + phKeyed},
	{"Makefile ?=", "API_KEY ?= Velvet4427%", "API_KEY ?= " + phKeyed},
	{"Makefile +=", "DB_PASSWORD += ua1G0n1YHz7iN!g0", "DB_PASSWORD += " + phKeyed},
	{"Makefile ::=", "REGISTRY_TOKEN ::= Qwerty76~", "REGISTRY_TOKEN ::= " + phKeyed},
	{"Rails nested form field", "user[login]=bob&user[password]=jZuDGUerPlNz&user[remember_me]=1", "user[login]=bob&user[password]=" + phKeyed + "&user[remember_me]=1"},
	{"Rails nested field, percent-encoded", "user%5Bemail%5D=bob&user%5Bpassword%5D=SQHhTuZw&commit=Sign+in", "user%5Bemail%5D=bob&user%5Bpassword%5D=" + phKeyed + "&commit=Sign+in"},
	{"PHP array field", "config[api_key]=Velvet8579%21&config[host]=db", "config[api_key]=" + phKeyed + "&config[host]=db"},
	{"Rails params with symbols", "params[:user][:password]=Zq8rT2x9Lm", "params[:user][:password]=" + phKeyed},
	{"PHP print_r", "    [api_key] => Qwerty04!", "    [api_key] => " + phKeyed},
	{"Java system property, camelCase", "java -DapiKey=S3cur342_x -jar app.jar", "java -DapiKey=" + phKeyed + " -jar app.jar"},
	{"Java system property, dotted noun", "java -Dapi.key=Tr0ub4dor13_x -jar app.jar", "java -Dapi.key=" + phKeyed + " -jar app.jar"},
	{"Terraform plan: old and new values", `  ~ api_token = "GN%w5.fv" -> "5nNluUIwUjVC"`, `  ~ api_token = "` + phKeyed + `" -> "` + phKeyed + `"`},
	{"XML element with attributes", `<wsse:Password Type="http://x/y#PasswordText">P4ssw0rd49~</wsse:Password>`, `<wsse:Password Type="http://x/y#PasswordText">` + phKeyed + `</wsse:Password>`},
	{"XML namespaced element with xmlns", `<ns2:ApiToken xmlns:ns2="urn:acme:auth:v1" encoding="plain">Orchid4217%</ns2:ApiToken>`, `<ns2:ApiToken xmlns:ns2="urn:acme:auth:v1" encoding="plain">` + phKeyed + `</ns2:ApiToken>`},
	{"XML CDATA", "<password><![CDATA[Qwerty68_x]]></password>", "<password><![CDATA[" + phKeyed + "]]></password>"},
	{"spaced key, quoted", `    "Client Secret": "8d1HkZ0WKJoVNNUf7W",`, `    "Client Secret": "` + phKeyed + `",`},
	{"spaced key, Python dict", `{'Name': 'prod', 'Auth Token': 'Maple11%'}`, `{'Name': 'prod', 'Auth Token': '` + phKeyed + `'}`},
	{"spaced key at line start", "API Key: nYY2gf457yRdm6z", "API Key: " + phKeyed},
	{"spaced key, three words", "Secret Access Key = Zq2YqKREkrXnDfR8Xbtu", "Secret Access Key = " + phKeyed},
	{"a word before a secret key at the line start", "pw password=hunter2", "pw password=" + phKeyed},
	{"spaced key in prose, strong value", "customer pasted their API key: oWrasZ0nr1S5nij46Qp (please rotate)", "customer pasted their API key: " + phKeyed + " (please rotate)"},
	{"YAML literal block", "auth:\n  password: |\n    Yn1ebr1uyOF4OlYm\n  enabled: true\n", "auth:\n  password: |\n    " + phKeyed + "\n  enabled: true\n"},
	{"YAML folded block, two lines and a blank", "token: >-\n  808c5bd5cfeb\n  3aea9c8bc1ef\n\nnext: 1", "token: >-\n  " + phKeyed + "\n\nnext: 1"},
	{"YAML block, quoted key, keep chomping", "- \"apiKey\": |+\n    c9b72bc7-07a6\n- name: x", "- \"apiKey\": |+\n    " + phKeyed + "\n- name: x"},
	{"YAML block at the end of input", "  client_secret: >\n    5UtewqCPnotJ4m50c", "  client_secret: >\n    " + phKeyed},
	{"confirmation field", "password_confirmation=Letme1n30~ user=ops", "password_confirmation=" + phKeyed + " user=ops"},
	{"environment suffix", "PASSWORD_PROD=Harbor889+ apiKeyLive=Maple9304#", "PASSWORD_PROD=" + phKeyed + " apiKeyLive=" + phKeyed},
	{"pass_word", "pass_word=opri8AOdIdQ5R!X", "pass_word=" + phKeyed},
	{"vault kv table column", "token       P4ssw0rd96!\nusername    admin", "token       " + phKeyed + "\nusername    admin"},
	{"Markdown table row", "| password | Velvet4627# | prod |", "| password | " + phKeyed + " | prod |"},
	{"nginx fastcgi_param", "fastcgi_param DB_PASSWORD Tr0ub4dor47! ;", "fastcgi_param DB_PASSWORD " + phKeyed + " ;"},
	{"nginx proxy_set_header", "proxy_set_header X-Api-Key NrU1kfa9H9xTnCcAght;", "proxy_set_header X-Api-Key " + phKeyed + ";"},
	{"Apache SetEnv", "SetEnv DB_PASSWORD Letme1n47~", "SetEnv DB_PASSWORD " + phKeyed},
	{"Dockerfile ENV key value", "Step 7/12 : ENV NPM_TOKEN P4ssw0rd85~", "Step 7/12 : ENV NPM_TOKEN " + phKeyed},
	{"value then a remark in parentheses", "Token: Winter7134. (set by admin)", "Token: " + phKeyed + " (set by admin)"},
	{"value then a dash remark", "password: 1rINZgUsliBOo - please change it", "password: " + phKeyed + " - please change it"},
	{"typed password then a message", "Password: D3bv^0T6S-VP took 12ms", "Password: " + phKeyed + " took 12ms"},
	{"Kubernetes env pair over two lines", "env:\n- name: DB_PASSWORD\n  value: rjmyrGUP.2VI0!\n- name: LOG_LEVEL\n  value: info\n", "env:\n- name: DB_PASSWORD\n  value: " + phKeyed + "\n- name: LOG_LEVEL\n  value: info\n"},
	{"Kubernetes env pair, quoted", "  - name: \"API_KEY\"\n    value: \"abc123def\"", "  - name: \"API_KEY\"\n    value: \"" + phKeyed + "\""},
	{"connection string key", "DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=dGVzdGtleWRhdGE=;EndpointSuffix=core.windows.net", "DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=" + phKeyed + ";EndpointSuffix=core.windows.net"},
	// Escapes around the key: colour codes, a JSON \n, percent codes. An
	// encoded '=' (%3D) separates a pair nested in a URL parameter, which
	// then ends at an encoded '&' (%26); a value of a plain form keeps its
	// percent codes.
	{"logrus colour codes around the key", "\x1b[36mINFO\x1b[0m[0042] login \x1b[32mpassword\x1b[0m=Letme1n39_x \x1b[36muser\x1b[0m=bob",
		"\x1b[36mINFO\x1b[0m[0042] login \x1b[32mpassword\x1b[0m=" + phKeyed + " \x1b[36muser\x1b[0m=bob"},
	{"colour code with params before the value", "api_key=\x1b[0;33mZx81kLmQ02pR77ab\x1b[0m done", "api_key=\x1b[0;33m" + phKeyed + "\x1b[0m done"},
	{"key after a JSON \\n", `msg="retry\npassword=hunter2x\nok"`, `msg="retry\npassword=` + phKeyed + `\nok"`},
	{"subscript key", "form: user[login]=bob&user[password]=jZuDGUerPlNzt06zIX8&user[remember_me]=1", "form: user[login]=bob&user[password]=" + phKeyed + "&user[remember_me]=1"},
	{"encoded subscript key", "utf8=%E2%9C%93&user%5Bemail%5D=bob&user%5Bpassword%5D=Winter5350%2B&commit=Sign+in", "utf8=%E2%9C%93&user%5Bemail%5D=bob&user%5Bpassword%5D=" + phKeyed + "&commit=Sign+in"},
	{"query nested in an encoded parameter", "GET /login?redirect_uri=https%3A%2F%2Fapp.example.com%2Fcb%3Faccess_token%3Ddd74d444-c5f2-4098-932b-84bfea245d13%26state%3D6c85013d HTTP/1.1",
		"GET /login?redirect_uri=https%3A%2F%2Fapp.example.com%2Fcb%3Faccess_token%3D" + phKeyed + "%26state%3D6c85013d HTTP/1.1"},
	{"double-encoded form body", "raw_body=username%3Dbob%26password%3DLetme1n98%2521%26remember%3D1", "raw_body=username%3Dbob%26password%3D" + phKeyed + "%26remember%3D1"},
	{"encoded JSON in a form field", "body=%7B%22password%22%3A%22hunter2x%22%2C%22user%22%3A%22bob%22%7D", "body=%7B%22password%22%3A%22" + phKeyed + "%22%2C%22user%22%3A%22bob%22%7D"},
	{"form value keeps its encoded &", "password=Tr0ub%26dor3&remember=1", "password=" + phKeyed + "&remember=1"},
	{"pair encoded twice", "next=%2Fcb%253Fx%253D1%2526client_secret%253DZx81kLmQ02pR77ab%2526y%253D2", "next=%2Fcb%253Fx%253D1%2526client_secret%253D" + phKeyed + "%2526y%253D2"},
	{"encoded JSON with an encoded space", "q=%22api_key%22%3A%20%22Zx81kLmQ02pR77ab%22", "q=%22api_key%22%3A%20%22" + phKeyed + "%22"},
	{"JSON with \\u0022 quotes", `payload={\u0022password\u0022:\u0022hunter2x\u0022,\u0022user\u0022:\u0022bob\u0022}`, `payload={\u0022password\u0022:\u0022` + phKeyed + `\u0022,\u0022user\u0022:\u0022bob\u0022}`},
	{"value in \\u0022 quotes", `log: "token=\u0022Zx81kLmQ02pR77ab\u0022"`, `log: "token=\u0022` + phKeyed + `\u0022"`},
	{"YAML in a JSON string: \\n and \\t", `msg="config:\n\tpassword:\thunter2x\n"`, `msg="config:\n\tpassword:\t` + phKeyed + `\n"`},
	{"colour code between key and colon", "\x1b[1mAPI_KEY\x1b[0m: Zx81kLmQ02pR77ab", "\x1b[1mAPI_KEY\x1b[0m: " + phKeyed},
}

// Every spelling of every secret noun, in k=v form.
var keyedNounRows = func() []kvRow {
	keys := []string{
		"password", "Password", "PASSWORD", "passwd", "pwd", "passphrase", "db_password", "dbPassword",
		"DB_PASS", "smtp_pass", "PGPASSWORD", "mysql_root_password", "userPassword", "new_password",
		"secret", "client_secret", "clientSecret", "secret_key", "secretKey", "app_secret", "JWT_SECRET",
		"token", "access_token", "accessToken", "refresh_token", "id_token", "auth_token", "csrf_token",
		"csrfToken", "X-CSRF-Token", "GITHUB_TOKEN", "bot_token", "session_token",
		"api_key", "apikey", "apiKey", "api-key", "x-api-key", "X-API-KEY", "ApiKey", "APIKey", "API_KEY", "api.key",
		"private_key", "privateKey", "access_key", "AWS_SECRET_ACCESS_KEY", "aws_access_key", "signing_key",
		"credential", "credentials", "creds", "db_credentials",
		"INTERNAL_SECRET_PREVIOUS", "api_key_2", "password_new", "signature", "sig",
	}
	var rs []kvRow
	for _, k := range keys {
		rs = append(rs, kvRow{"noun " + k, k + "=Zx81kLmQ02", k + "=" + phKeyed})
	}
	return rs
}()

// Header-like keys: the value is the rest of the line or quoted string.
// registryAuthRows: "auth" names a secret only for the base64 of
// user:password (Docker's config.json, npm's .npmrc, basic_auth).
var registryAuthRows = []kvRow{
	{"docker config", `{"auths":{"ghcr.io":{"auth":"Ym9iOmdocF9hYmNkZWZnaGlqa2xtbm9wcXJzdHV2d3h5ejAxMjM0NTY3ODk="}}}`, `{"auths":{"ghcr.io":{"auth":"` + phKeyed + `"}}}`},
	{"npmrc _auth", "_auth=dXNlcjpwNHNzdzByZFNlY3JldA==", "_auth=" + phKeyed},
	{"npmrc scoped _auth", "//registry.example.com/:_auth = dXNlcjpwNHNzdzByZFNlY3JldA", "//registry.example.com/:_auth = " + phKeyed},
	{"yaml basic_auth", "basic_auth: Ym9iOmh1bnRlcjJ4", "basic_auth: " + phKeyed},
	// Settings and look-alikes.
	{"pg_hba auth=trust", "local all all trust auth=trust", "local all all trust auth=trust"},
	{"auth method", "host all all 0.0.0.0/0 auth=scram-sha-256", "host all all 0.0.0.0/0 auth=scram-sha-256"},
	{"auth none", `"auth": "none"`, `"auth": "none"`},
	{"base64 without a colon", `{"auth":"dGVzdGluZzEyMw=="}`, `{"auth":"dGVzdGluZzEyMw=="}`},
	{"too short", "auth=YTpi", "auth=YTpi"},
	{"author and oauth", "author=dXNlcjpwNHNzdzByZFNlY3JldA== oauth=dXNlcjpwNHNzdzByZFNlY3JldA==", "author=dXNlcjpwNHNzdzByZFNlY3JldA== oauth=dXNlcjpwNHNzdzByZFNlY3JldA=="},
	{"prose", "auth failed for user bob", "auth failed for user bob"},
}

func TestRegistryAuth(t *testing.T) { checkKVRows(t, Default(), registryAuthRows) }

var keyedHeaderRows = []kvRow{
	{"Cookie", "Cookie: session=abc123; theme=dark", "Cookie: " + phKeyed},
	{"Set-Cookie", "Set-Cookie: sid=31d4d96e407aad42; Path=/; Secure; HttpOnly", "Set-Cookie: " + phKeyed},
	{"cookie lower", "cookie: a=1; b=2", "cookie: " + phKeyed},
	{"Cookie in a quoted header dump", `headers="Cookie: a=1; b=2" status=200`, `headers="Cookie: ` + phKeyed + `" status=200`},
	{"Cookie JSON", `{"Cookie":"sid=31d4d96e; lang=en"}`, `{"Cookie":"` + phKeyed + `"}`},
	{"Authorization without scheme", "Authorization: 31d4d96e407aad42abc", "Authorization: " + phKeyed},
	{"Authorization Token scheme", "Authorization: Token abc123", "Authorization: Token " + phKeyed},
	{"Authorization Bearer keeps scheme", "Authorization: Bearer 9f8e7d6c5b4a39281706", "Authorization: Bearer [REDACTED:bearer-token]"},
	{"Authorization short Bearer", "Authorization: Bearer abc12", "Authorization: Bearer " + phKeyed},
	{"Authorization Basic", "Authorization: Basic dXNlcjpwYXNz", "Authorization: Basic [REDACTED:basic-auth]"},
	{"Authorization JSON Bearer", `{"Authorization":"Bearer abc12"}`, `{"Authorization":"Bearer ` + phKeyed + `"}`},
	{"Authorization Digest params", `Authorization: Digest username="bob", realm="x", nonce="abc", response="6629fae49393a05397450978507c4ef1"`, "Authorization: Digest " + phKeyed},
	{"Authorization AWS4", "Authorization: AWS4-HMAC-SHA256 Credential=AKID/20260101/us-east-1/s3/aws4_request, SignedHeaders=host, Signature=fe5f80f77d5fa3beca038a248ff027d0445342fe2855ddc963176630326f1024", "Authorization: AWS4-HMAC-SHA256 " + phKeyed},
	{"Proxy-Authorization", "Proxy-Authorization: Basic dXNlcjpwYXNz", "Proxy-Authorization: Basic [REDACTED:basic-auth]"},
	{"curl -H", `curl -H "Authorization: Token abc123" https://x`, `curl -H "Authorization: Token ` + phKeyed + `" https://x`},
	{"Cookie in prose takes one token", `{"msg":"sent Cookie: sid=31d4d96e407a to upstream","n":1}`, `{"msg":"sent Cookie: ` + phKeyed + ` to upstream","n":1}`},
	{"curl -H cookie", `curl -b x -H 'Cookie: a=1; b=2' https://x`, `curl -b x -H 'Cookie: ` + phKeyed + `' https://x`},
	{"Cookie list in running text", "request header Cookie: connect.sid=43D2Oq2AhqXOlYVO; theme=dark; lang=en", "request header Cookie: " + phKeyed},
	{"Cookie list in running text stops at the list end", `{"msg":"sent Cookie: sid=31d4; lang=en, retrying","n":1}`, `{"msg":"sent Cookie: ` + phKeyed + `, retrying","n":1}`},
	{"curl -v request header", "> X-Auth-Token: 9f2Kx7qLm3", "> X-Auth-Token: " + phKeyed},
	{"curl -v response cookie", "< Set-Cookie: sid=2ace461e; Path=/; HttpOnly", "< Set-Cookie: " + phKeyed},
	{"header-cased key mid line", "note: outbound X-Amz-Security-Token: FwoGZXIvYXdzEJr/+abc== sent", "note: outbound X-Amz-Security-Token: " + phKeyed + " sent"},
	{"Go http.Header dump", "headers=map[Accept:[application/json] X-Auth-Token:[936b6226-0e73-4de3-bd29] User-Agent:[Go-http-client/1.1]]",
		"headers=map[Accept:[application/json] X-Auth-Token:[" + phKeyed + "] User-Agent:[Go-http-client/1.1]]"},
	{"Go http.Header Authorization", "map[Authorization:[SSWS 00a1b2c3d4e5f6] Cookie:[sid=1; theme=dark]]",
		"map[Authorization:[SSWS " + phKeyed + "] Cookie:[" + phKeyed + "]]"},
	{"base64 value in prose", "Support note: accessToken: S3cr3t/+x==TbXT2AKz user_id=716617", "Support note: accessToken: " + phKeyed + " user_id=716617"},
}

// Placeholders stand for a value: they come out byte-identical.
var keyedPlaceholderRows = func() []kvRow {
	vals := []string{
		"${DB_PASSWORD}", "$DB_PASSWORD", "{{ .Values.password }}", "{{.password}}", "<token>", "<your-api-key>",
		"***", "********", "REDACTED", "[REDACTED]", "redacted", "xxxxxxxx", "XXXX-XXXX", phKeyed, "[REDACTED:github-pat]",
		"%(password)s", "#{password}", "<%= password %>", "YOUR_API_KEY", "your-token-here", "null", "None", "true",
		"", `""`, "''", `"${SECRET}"`, `"***"`, `"<password>"`, `"` + phKeyed + `"`, "{}", "[]", "…",
		"$(cat /run/secrets/db)", "%PASSWORD%", "•••••", "%s", "%v", "%+v", "[FILTERED]", "[HIDDEN]",
		"sk-...abcd", "ab***cd", "****1234", "@/run/secrets/pw", "?", "$1", ":1", "{token}",
		"$password", "$dbPassword", "$DB_PASSWORD_2", "$db_pass2",
		"wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", "sk_live_EXAMPLEEXAMPLEEXAMPLE12",
	}
	var rs []kvRow
	for _, v := range vals {
		for _, k := range []string{"password=", "api_key: ", `"token": `} {
			rs = append(rs, kvRow{"placeholder " + k + v, k + v, k + v})
		}
	}
	return rs
}()

// Near misses: prose, keys about secrets, and shapes that are not a
// key/value pair. All come out byte-identical.
var keyedNegativeRows = func() []kvRow {
	ins := []string{
		// Prose.
		"the token expired",
		"deploy key: git@github.com:acme/app.git",
		"redactions keyed-secret=3 slack-token=1 url-credentials=12",
		"W ActivityManager: Bad activity token: android.os.BinderProxy@2bd79ce",
		"reset your password",
		"Invalid token: expired",
		"Invalid password: mismatch, code: 401",
		"reset your password: click here: now",
		"set token expiry 5m",
		"check api_key=revoked",
		"check authorization=pending",
		"password=getPass() ok",
		"password=Config{a=1}",
		"wtoken = AppWindowToken{9f4ef63 token=Token{a64f992 ActivityRecord{de9231d u0 t761}}}, allDrawn= false",
		"password=arr[0]",
		"reset password: required, user: bob",
		"the token: expired, retry: later",
		"connecting with password: shadow, and then retrying",
		"invalid password: too short, retry: 3",
		"password must be 8 characters",
		"Password must be at least 8 characters long",
		"Failed password for invalid user admin from 10.0.0.1 port 22 ssh2",
		"Accepted password for bob from 10.0.0.1 port 52311 ssh2",
		"authentication failure; logname= uid=0 euid=0 tty=NODEVssh ruser= rhost=10.0.0.1",
		"secret sauce: more butter",
		"Wrong password: try again",
		"error: invalid token: signature mismatch",
		"token refresh failed: 401 Unauthorized",
		"token: expired",
		"password: required",
		"Your password: is too short",
		"the api key is missing",
		"cookie policy accepted",
		"Refreshing credentials for service account",
		"received token from upstream after 3 retries",
		"key: value pairs are parsed",
		"monkey=banana",
		"turkey: roasted",
		"hotkey=ctrl+s",
		"keyboard layout=us",
		"password reset email sent to user id=42",
		"Passing test suite: 12 passed, 0 failed",
		"tests pass=12 fail=0",
		"bypass=true",
		"compass: north",
		"signal: SIGTERM received",
		"design=flat signup=open",
		"tokenizer=cl100k_base",
		"token_count=1234",
		// Keys about secrets.
		`{"token_type":"Bearer","expires_in":3600}`,
		`{"max_tokens":1024,"tokens_used":87,"prompt_tokens":12,"completion_tokens":75}`,
		`password_updated_at=2026-11-28T03:26:49Z`,
		`secret_name=prod/db/main`,
		`key_id=k-19f3a0`,
		`public_key=ssh-ed25519AAAAC3Nza`,
		`publicKey: MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE`,
		`tokenType: bearer`,
		`secretName: db-creds`,
		`passwordPolicy=strict`,
		`password_length=12`,
		`password_min_length: 12`,
		`token_expires_at=2026-11-28`,
		`secret_arn=arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf`,
		`secret_version=v7`,
		`secret_ref=vault:kv/data/app`,
		`key_name=prod-signing-2026`,
		`cache_key=user:42:profile`,
		`partition_key=tenant-8841`,
		`idempotency_key=8f14e45f-ceea-467a-9a36-dedd4bea2543`,
		`key=photos/2026/cat.jpg`,
		`keys=3`,
		`next_page_token=CiAKGjBpNDd2Nmp2Zml2cXRwYjBpOXA`,
		`page_token: CiAKGjBpNDd2Nmp2Zml2`,
		`continuationToken=AbC123dEf456`,
		`password_file=/run/secrets/db_password`,
		`token_url=https://auth.example.com/oauth/token`,
		`authorization_endpoint: https://auth.example.com/authorize`,
		`credential_source=environment`,
		`cookie_name=sid`,
		`session_cookie_secure=true`,
		`credentials_path=/etc/app/creds.json`,
		`private_key_path=/etc/ssl/private/app.key`,
		`ssh_key_file: ~/.ssh/id_ed25519`,
		`api_key_id=AK19F3`,
		`access_key_id: ak-19f3`,
		`signing_method=HS256`,
		`sig_alg=ES256`,
		`password_hash_algo=argon2id`,
		`has_password=true`,
		`is_secret: false`,
		`secretsManager=enabled`,
		`keystore_type=PKCS12`,
		`Authorization-Scheme: Bearer`,
		// Not key/value pairs.
		`if password == "" {`,
		`token != nil`,
		`Type::Token::Identifier`,
		`func (s *Server) password() string { return s.pw }`,
		`passwordField.focus()`,
		`url: https://example.com/reset-password?email=sent`,
		`GET /api/v1/token HTTP/1.1`,
		`/oauth/token: 200 OK`,
		`PWD=/home/bob/src`,
		`OLDPWD=/home/bob`,
		`cd $PWD && make`,
		`password=`,
		`password:`,
		`token = {`,
		`token: {id: 1}`,
		`secret: [a, b]`,
		`password=@/run/secrets/pw`,
		`"password": {"min": 8}`,
		`api_key=None`,
		`[REDACTED:keyed-secret]`,
		// Query parameters, YAML indicators and tags: the value is elsewhere.
		`UPDATE users SET password = :password WHERE id = :id`,
		`WHERE api_key = @api_key`,
		`password: |`,
		`private_key: >-`,
		`password: !vault |`,
		`  Password: !Ref DBPassword`,
		`Authorization: Bearer`,
		`Cookie: `,
		"open /etc/passwd: EACCES13",
		"Cookies: 3 set, 1 expired",
		"secrets=2 credentials=1 api_keys=4",
		// Name/value pairs whose name is not secret, or not a pair.
		`{"name":"DB_HOST","value":"db.internal"}`,
		`{"name":"password_policy","value":"strict"}`,
		`["password", "token", "secret"]`,
		`{"name":"DB_PASSWORD","type":"string"}`,
		`{"label":"DB_PASSWORD","value":"shown"}`,
		`sig=1`,
		`gpio pin=13 set high`, `pin=GPIO17`, `led.pin=GPIO_NUM_2`, `pin: output`, `pin=v1.24.0`, `pin: 2024-01-01T00:00:00Z`,
		`otp=sms`, `otp: 0`, `otp: 30s`, `otp=verified`, `jwt: HS256`, `bearer: JWT`, `ping=5 spinning=true opinion=none`,
		`pin_count=4821`, `{"otp":{"length":6,"ttl":300}}`,
		`["password", "token"]`,
		`hash("password", salt)`,
		`"password" is required`,
		`<add key="Theme" value="dark"/>`,
		`<add name="password" value=""/>`,
		`<entry key="password_policy">strict</entry>`,
		`flag.String("password", "", "the database password")`,
		`fmt.Sprintf("password: %s", pw)`,
		`GET /users/{token}/profile`,
		// Help text, code and public keys.
		"  --password=PASSWORD   database password",
		"usage: deploy [-h] [--token TOKEN] [--env ENV]",
		"  -p, --password TEXT  The password to use.",
		"WARNING! Using --password via the CLI is insecure. Use --password-stdin.",
		"Flag --token has been deprecated, use --auth-token instead",
		"rotated 3 secrets: db-password, api-key, jwt-signing-key",
		"api_key = args.api_key",
		"const apiKey = process.env.API_KEY;",
		"self.password = password",
		"let token = await getToken();",
		"const password = req.body.password;",
		"ssh_key: ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAILJBqcU30iz8G6dBT4fdwwfN07mjM38w25Y3LmV8HqUp deploy@ci",
		"SSH_KEY=ecdsa-sha2-nistp256 AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTYAAABBBOcd3VX5q4snIffdjRCx= ansible",
		"token: ~",
		"deploy_key: |\n  ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAILJBqcU30iz8G6dBT4fdwwfN07mjM38w25Y3LmV8HqUp ci\n",
		"apiKey: config.apiKey,",
		"self.api_key = api_key",
		"token = request.headers.get(\"X-Token\")",
		"password: false",
		"token: null",
		"mutation Login($email: String!, $password: String!) { login(password: $password) }",
		// Spaced keys that are sentences.
		"the api key: expired",
		"Reset your password: click the link",
		"Primary Key: id",
		"Using secret: prod/db (version 7)",
		"Found 2 credentials: github.com, gitlab.com",
		`credentials: see 1Password vault "Prod"`,
		"Loaded SSH key: /home/deploy/.ssh/id_ed25519",
		"Deploy Key: /root/.ssh/id_rsa2",
		"error: invalid API key: expired",
		"method=PUT path=/v1/session key=uploads/2024/05/17/report.pdf",
		// kubectl describe secret shows sizes.
		"password:  23 bytes",
		"env TOKEN expired",
		"proxy_set_header Authorization $http_authorization;",
		// Name/value pairs that are not secret.
		"- name: TOKEN\n  valueFrom:\n    secretKeyRef: {name: x}\n",
		"- name: LOG_LEVEL\n  value: info\n",
		"  username: DB_PASSWORD\n  value: x\n",
		"- name: DB_PASSWORD\n    value: not-the-same-column\n",
		"UPDATE users SET password = :password WHERE id = :id",
		"<password type=\"text\"/>",
		// YAML blocks that are not secret values.
		"description: |\n  the password: is rotated\n",
		"password: |\nnext: value\n",
		"note: | not a block\n  password-like text\n",
		"password: |\n  ${DB_PASSWORD}\n",
		"password: |\n  \n",
		"script: |\n  echo token: >\n  done\n",
		`url: /reset?token={token}`,
		// Escapes that are not separators, brackets that close no subscript.
		"next=%2Freset%3Ftoken_type%3Dbearer%26x%3D1",
		"q=password%20reset%20help",
		"\x1b[1mpassword\x1b[0m reset requested",
		"items[0]password]=x",
		`{\u0022password\u0022:{\u0022min\u0022:8}}`,
		`msg="\npassword reset requested\n"`,
		"q=%22password%22%20reset",
		"next=%2Fsettings%3Ftab%3Dpassword%26x%3D1",
		`if tokens[token] == nil {`,
	}
	var rs []kvRow
	for _, in := range ins {
		rs = append(rs, kvRow{"negative " + in, in, in})
	}
	return rs
}()

func TestKeyedSyntax(t *testing.T)       { checkKVRows(t, Default(), keyedSyntaxRows) }
func TestKeyedNouns(t *testing.T)        { checkKVRows(t, Default(), keyedNounRows) }
func TestKeyedHeaders(t *testing.T)      { checkKVRows(t, Default(), keyedHeaderRows) }
func TestKeyedPlaceholders(t *testing.T) { checkKVRows(t, Default(), keyedPlaceholderRows) }
func TestKeyedNegatives(t *testing.T)    { checkKVRows(t, Default(), keyedNegativeRows) }

// A PEM private key stored under a secret key keeps its BEGIN/END lines:
// the private-key rule redacts the body, and the key rule leaves it be.
func TestKeyedPEMValueKeepsArmor(t *testing.T) {
	checkKVRows(t, Default(), []kvRow{
		{"JSON private_key", `{"private_key":"-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY-----\n"}`,
			`{"private_key":"-----BEGIN PRIVATE KEY-----\n[REDACTED:private-key]\n-----END PRIVATE KEY-----\n"}`},
	})
	// With the private-key rule off, the key rule takes the whole value.
	r, err := New(DisableRules("private-key"))
	if err != nil {
		t.Fatal(err)
	}
	checkKVRows(t, r, []kvRow{
		{"JSON private_key, rule off", `{"private_key":"-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY-----\n"}`,
			`{"private_key":"` + phKeyed + `"}`},
	})
}

// IsSecretKey is the classifier other packages use (slog handler, error
// wrapper): every spelling of every secret noun, and the keys about
// secrets that are not.
func TestIsSecretKey(t *testing.T) {
	secret := []string{
		// password family
		"password", "Password", "PASSWORD", "passwd", "pwd", "passphrase", "passcode", "pass",
		"db_password", "DB_PASSWORD", "dbPassword", "DbPassword", "db-password", "db.password",
		"dbpassword", "PGPASSWORD", "MYSQL_ROOT_PASSWORD", "userPassword", "user_pwd", "adminPass",
		"password_new", "new_password", "old_password", "current_password", "password2", "password_1",
		"smtp.auth.password", "spring.datasource.password", "--password", "-password", "$password",
		"@password", `"password"`, "'password'", "SSH_PASSPHRASE", "keyPassphrase", "key_passphrase",
		"config/db/password", "Api Key", " X-Api-Key ", "SECRET_KEY_BASE", "secret_key_base",
		// secret family
		"secret", "Secret", "SECRET", "client_secret", "clientSecret", "ClientSecret", "CLIENT_SECRET",
		"clientsecret", "secret_key", "secretKey", "SECRET_KEY", "app_secret", "JWT_SECRET",
		"webhook_secret", "INTERNAL_SECRET", "INTERNAL_SECRET_PREVIOUS", "secrets", "shared_secret",
		"aws_secret_access_key", "AWS_SECRET_ACCESS_KEY", "secret_access_key", "client-secret",
		// token family
		"token", "Token", "TOKEN", "access_token", "accessToken", "AccessToken", "ACCESS_TOKEN",
		"refresh_token", "refreshToken", "id_token", "idToken", "auth_token", "authToken", "csrf_token",
		"csrfToken", "CSRFToken", "XSRF-TOKEN", "X-CSRF-Token", "x-auth-token", "X-Auth-Token",
		"bearer_token", "bearerToken", "session_token", "sessionToken", "api_token", "apiToken",
		"GITHUB_TOKEN", "GH_TOKEN", "NPM_TOKEN", "bot_token", "oauth_token", "slack_token",
		"accesstoken", "refreshtoken", "x-amz-security-token", "X-Vault-Token", "security_token",
		"token_value", "token_b64",
		// api key family
		"api_key", "apikey", "apiKey", "ApiKey", "APIKey", "APIKEY", "api-key", "Api-Key",
		"x-api-key", "X-API-KEY", "X-Api-Key", "API_KEY", "api.key", "GROQ_API_KEY", "openai_api_key",
		"api_keys", "apiKeys", "api_key_2", "API_KEY_PREVIOUS", "x-goog-api-key", "ocp-apim-subscription-key",
		// private / access / other keys
		"private_key", "privateKey", "PrivateKey", "PRIVATE_KEY", "privatekey", "private-key",
		"access_key", "accessKey", "AccessKey", "ACCESS_KEY", "accesskey", "secretkey",
		"signing_key", "signingKey", "RECEIPT_SIGNING_PRIVATE_KEY", "encryption_key", "encryptionKey",
		"master_key", "masterKey", "client_key", "account_key", "AccountKey", "storage_account_key",
		"hmac_key", "jwt_key", "session_key", "auth_key", "license_key", "webhook_key", "ssh_key",
		"sas_key", "shared_key", "sharedKey", "app_key", "user_key",
		// credentials
		"credential", "credentials", "Credentials", "CREDENTIALS", "creds", "db_credentials",
		"dbCredentials", "aws_credentials", "serviceAccountCredentials",
		// headers
		"authorization", "Authorization", "AUTHORIZATION", "Proxy-Authorization", "proxy_authorization",
		"cookie", "Cookie", "COOKIE", "set-cookie", "Set-Cookie", "SET_COOKIE", "cookies",
		// signatures
		"signature", "sig", "X-Hub-Signature", "x-signature",
	}
	notSecret := []string{
		"", "-", "_", "key", "keys", "Key", "id", "user", "username", "email", "name",
		// about tokens
		"token_type", "tokenType", "TokenType", "TOKEN_TYPE", "max_tokens", "maxTokens", "max_token",
		"tokens", "tokens_used", "tokensUsed", "prompt_tokens", "completion_tokens", "input_tokens",
		"output_tokens", "total_tokens", "max_completion_tokens", "token_count", "tokenCount",
		"token_limit", "token_expiry", "token_expires_at", "tokenExpiresAt", "token_ttl", "token_url",
		"token_endpoint", "tokenEndpoint", "token_uri", "tokenizer", "tokenizer_name", "token_id",
		"next_page_token", "nextPageToken", "page_token", "pageToken", "continuation_token",
		"continuationToken", "sync_token", "cancellation_token", "cancellationToken", "resume_token",
		"cursor_token", "token_length", "token_prefix", "tokenized", "tokenization",
		// about passwords
		"password_updated_at", "passwordUpdatedAt", "password_changed_at", "password_length",
		"password_min_length", "passwordMinLength", "password_policy", "passwordPolicy",
		"password_reset_required", "password_expires", "password_expiry", "password_file",
		"password_hash_algo", "password_strength", "password_set", "password_hint_shown",
		"passwordless", "passport", "passenger", "passes", "passed", "bypass", "compass",
		"passthrough", "pass_rate", "pass_count", "tests_passed", "password_field", "password_prompt",
		"pwd_dir", "password_reset_url", "password/reset", "db.password.length", "key_base", "api_base",
		// about secrets
		"secret_name", "secretName", "SecretName", "secret_id", "secretId", "secret_arn", "SecretArn",
		"secret_version", "secret_ref", "secretRef", "secret_path", "secret_store", "secrets_manager",
		"secretsManager", "secret_count", "secret_type", "secret_length", "is_secret",
		// about keys
		"key_id", "keyId", "KeyId", "KEY_ID", "public_key", "publicKey", "PublicKey", "PUBLIC_KEY",
		"publickey", "key_name", "keyName", "key_type", "keyType", "key_size", "key_length", "keyfile",
		"key_file", "keystore", "keystore_path", "keyspace", "cache_key", "cacheKey", "partition_key",
		"sort_key", "foreign_key", "idempotency_key", "idempotencyKey", "object_key", "s3_key",
		"primary_key_id", "primary_key", "primaryKey", "host_key", "api_key_id", "apiKeyId", "api_key_name", "access_key_id", "accessKeyId",
		"AWS_ACCESS_KEY_ID", "private_key_path", "privateKeyPath", "ssh_key_file", "signing_key_id",
		"encryption_key_arn", "key_vault_name", "hotkey", "monkey", "turkey", "whiskey", "keyboard",
		"keycloak_url", "api_key_header", "apiKeyHeader",
		// about credentials, cookies, authorization
		"credential_id", "credentialId", "credential_source", "credentials_path", "credentials_file",
		"credential_type", "creds_file", "cookie_name", "cookieName", "cookie_domain", "cookie_path",
		"cookie_max_age", "session_cookie_secure", "cookie_policy", "authorization_url",
		"authorization_endpoint", "authorizationEndpoint", "authorization_code_ttl", "authorized",
		"authorization_type", "authorizer",
		// signatures and others that merely contain a root
		"signature_algorithm", "signatureVersion", "sig_alg", "signal", "signup", "design", "assign",
		"signed", "signing_method", "sigma", "sigterm", "has_password", "is_password_set",
	}
	for _, k := range secret {
		if !IsSecretKey(k) {
			t.Errorf("IsSecretKey(%q) = false, want true", k)
		}
	}
	for _, k := range notSecret {
		if IsSecretKey(k) {
			t.Errorf("IsSecretKey(%q) = true, want false", k)
		}
	}
}

func TestIsSecretKeyDoesNotAllocate(t *testing.T) {
	r, err := New(WithSecretKeys("pin"), WithSafeKeys("csrf_token"))
	if err != nil {
		t.Fatal(err)
	}
	for _, rd := range []*Redactor{Default(), r} {
		if n := testing.AllocsPerRun(100, func() { rd.IsSecretKey("X-Upstream-Service-Api-Key") }); n != 0 {
			t.Errorf("IsSecretKey: %v allocs, want 0", n)
		}
	}
}

// With the keyed-secret rule off, no key is secret by name.
func TestIsSecretKeyRuleDisabled(t *testing.T) {
	r, err := New(DisableRules("keyed-secret"))
	if err != nil {
		t.Fatal(err)
	}
	if r.IsSecretKey("password") {
		t.Error(`IsSecretKey("password") = true with keyed-secret disabled`)
	}
}

// IsSecretKey follows WithSecretKeys and WithSafeKeys.
func TestIsSecretKeyPolicy(t *testing.T) {
	r, err := New(WithSecretKeys("pin", "otp_seed"), WithSafeKeys("csrf_token", "x-request-token"))
	if err != nil {
		t.Fatal(err)
	}
	for k, want := range map[string]bool{
		"pin": true, "PIN": true, "card_pin": true, "cardPin": true, "otp_seed": true, "OTPSeed": true,
		"pinned": false, "spin": false, "csrf_token": false, "csrfToken": false, "CSRF-Token": false,
		"x-request-token": false, "access_token": true,
	} {
		if got := r.IsSecretKey(k); got != want {
			t.Errorf("IsSecretKey(%q) = %v, want %v", k, got, want)
		}
	}
	checkKVRows(t, r, []kvRow{
		{"extra key", "card_pin=1234", "card_pin=" + phKeyed},
		{"safe key", "csrf_token=abc123def456", "csrf_token=abc123def456"},
		{"not safe", "access_token=abc123def456", "access_token=" + phKeyed},
	})
}

// keyedDegenerateUnits, repeated thousands of times on one line, put an anchor
// hit every few bytes, each with a key, a separator or a value running to
// the window's end.
var keyedDegenerateUnits = []string{
	"key", "pass", "token ", "secret=", "password:", "sig=", `\"`, "a_key_", "--password ", `"password":`,
	`password="`, "Cookie: ", "<password>", `["`, `{"name":"password",`, "-----BEGIN PRIVATE KEY-----",
	"Bearer ", "postgres://a:", "eyJhbGciOiJIUzI1NiJ9.", "a:b@tcp(", `\n-----BEGIN PRIVATE KEY-----`,
}

// Degenerate inputs keep the invariants: idempotent, and the same streamed.
func TestKeyedDegenerateInputs(t *testing.T) {
	r := Default()
	for _, unit := range keyedDegenerateUnits {
		in := []byte(strings.Repeat(unit, 4000))
		out := r.Bytes(in)
		if again := r.Bytes(out); !bytes.Equal(again, out) {
			t.Errorf("%q repeated: not idempotent", unit)
		}
		if s := streamOf(t, r, in, len(in)/3, len(in)/3+4097); !bytes.Equal(s, out) {
			t.Errorf("%q repeated: stream differs from one-shot", unit)
		}
	}
}

// Benchmark inputs: prose and identifiers full of key roots but without a
// single secret (every hit is rejected), and logfmt lines full of secrets.
var (
	benchKeyedRootsProse = []byte(strings.Repeat("the token expired; monkey keyboard passes, reset your password, "+
		"tokenizer=cl100k signal sigterm design passthrough keyspace secretsManager cookie policy key_id=k1 "+
		"token_type=Bearer max_tokens=1024 AppWindowToken{9f4 token=Token{a64} passed ok\n", 64))
	benchKeyedLogLines = []byte(strings.Repeat(`ts=2026-11-28T03:26:49Z level=info user=bob password=hunter2 `+
		`api_key="Zx81kLmQ02pR77ab" headers="Cookie: a=1; b=2" {"access_token":"abc123def456","token_type":"Bearer"}`+"\n", 64))
)

func BenchmarkKeyedRootsProse(b *testing.B) {
	r := Default()
	b.SetBytes(int64(len(benchKeyedRootsProse)))
	for b.Loop() {
		r.Bytes(benchKeyedRootsProse)
	}
}

func BenchmarkKeyedLines(b *testing.B) {
	r := Default()
	b.SetBytes(int64(len(benchKeyedLogLines)))
	for b.Loop() {
		r.Bytes(benchKeyedLogLines)
	}
}

// BenchmarkKeyedDegenerate measures the worst inputs: one long line of a
// unit that wakes a validator every few bytes.
func BenchmarkKeyedDegenerate(b *testing.B) {
	r := Default()
	for _, unit := range keyedDegenerateUnits {
		in := []byte(strings.Repeat(unit, 64<<10/len(unit)))
		b.Run(strings.NewReplacer(" ", "_", `"`, "q", `\`, "bs").Replace(unit), func(b *testing.B) {
			b.SetBytes(int64(len(in)))
			for b.Loop() {
				r.Bytes(in)
			}
		})
	}
}

func TestWithSecretKeysAnySpelling(t *testing.T) {
	r, err := New(WithSecretKeys("otp_seed"))
	if err != nil {
		t.Fatal(err)
	}
	for _, in := range []string{"otp_seed=JBSWY3DPEHPK3PXP", "otpSeed=JBSWY3DPEHPK3PXP", "OTP-SEED=JBSWY3DPEHPK3PXP", `{"otp.seed":"JBSWY3DPEHPK3PXP"}`} {
		if got := r.String(in); strings.Contains(got, "JBSWY3DPEHPK3PXP") {
			t.Errorf("%q not redacted: %q", in, got)
		}
	}
	if _, err := New(WithSecretKeys("!!!")); err == nil {
		t.Error("a name without letters or digits was accepted")
	}
}

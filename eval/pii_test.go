package eval

import (
	"fmt"
	"net/url"
	"strings"
)

// Personal data: e-mail addresses, payment cards, phone numbers, US SSNs
// and IBANs, with computed check digits.

func (g *gen) email() string {
	first := g.pick("alice", "bob", "carol", "dmitri", "eva", "f.nguyen", "grace", "hiro", "ines", "jamal", "kate", "li.wei")
	local := first
	switch g.intn(5) {
	case 0:
		local += "." + g.pick("smith", "okafor", "muller", "tanaka", "garcia", "kowalski")
	case 1:
		local += fmt.Sprint(g.between(1, 1999))
	case 2:
		local += "+" + g.pick("billing", "test", "news", "gh")
	case 3:
		local = strings.ToUpper(local[:1]) + local[1:]
	}
	dom := g.pick("gmail.com", "outlook.com", "yahoo.co.uk", "proton.me", "acme-corp.com", "mail.fabrikam.io", "uni-heidelberg.de", "fastmail.fm", "icloud.com", "corp.contoso.net")
	return local + "@" + dom
}

func piiFamilies() []Family {
	return []Family{
		{Name: "email", Kind: Positive, Group: "pii", Asserted: true, N: 70, Gen: func(g *gen) Case {
			e := g.email()
			sec := e
			var inner string
			switch g.intn(9) {
			case 0:
				inner = "user=" + e + " logged in"
			case 1:
				inner = fmt.Sprintf(`From: "%s" <%s>`, g.pick("Alice Smith", "Billing Team", "Kate O."), e)
			case 2:
				inner = "mailto:" + e
			case 3:
				inner = fmt.Sprintf(`{"email":"%s","verified":true}`, e)
			case 4:
				sec = url.QueryEscape(e)
				inner = "GET /v1/users/lookup?email=" + sec + "&limit=1"
			case 5:
				inner = fmt.Sprintf("sent password reset link to %s", g.punct(e))
			case 6:
				inner = fmt.Sprintf("%d,%s,%s,active", g.between(1, 99999), g.pick("Alice", "Bob", "Eva"), e)
			case 7:
				inner = "Reply-To: " + e
			default:
				inner = fmt.Sprintf("invite accepted by %s (role=admin)", e)
			}
			line, s := g.around(inner, sec)
			return Case{Label: "email", Text: line, Secrets: s}
		}},
		{Name: "card-plain", Kind: Positive, Group: "pii", Asserted: true, N: 50, Gen: func(g *gen) Case {
			is, num := g.card()
			line, s := g.around(g.cardContext(num), num)
			return Case{Label: is.name, Text: line, Secrets: s}
		}},
		{Name: "card-formatted", Kind: Positive, Group: "pii", Asserted: true, N: 50, Gen: func(g *gen) Case {
			is, num := g.card()
			f := groupDigits(num, is.grouped, g.pick(" ", "-"))
			line, s := g.around(g.cardContext(f), f)
			return Case{Label: is.name, Text: line, Secrets: s}
		}},
		{Name: "phone-e164", Kind: Positive, Group: "pii", Asserted: true, N: 60, Gen: func(g *gen) Case {
			var p, label string
			switch g.intn(9) {
			case 0:
				a, e, l := g.nanp()
				label, p = "+1", "+1"+a+e+l
			case 1:
				a, e, l := g.nanp()
				label, p = "+1 spaced", fmt.Sprintf("+1 %s %s %s", a, e, l)
				if g.chance(0.4) {
					label, p = "+1 dashed", fmt.Sprintf("+1-%s-%s-%s", a, e, l)
				}
			case 2:
				label, p = "+44 mobile", "+44 7"+g.chars(digits, 3)+" "+g.chars(digits, 6)
			case 3:
				label, p = "+44 london", "+44 20 "+fmt.Sprint(g.between(3, 8))+g.chars(digits, 3)+" "+g.chars(digits, 4)
			case 4:
				label, p = "+49", "+49 "+g.pick("30", "89", "40", "151", "170")+" "+fmt.Sprint(g.between(1, 9))+g.chars(digits, 7)
			case 5:
				label, p = "+33", "+33 "+g.pick("6", "7", "1")+" "+g.chars(digits, 2)+" "+g.chars(digits, 2)+" "+g.chars(digits, 2)+" "+g.chars(digits, 2)
			case 6:
				label, p = "+91", "+91 "+g.pick("98", "97", "88", "70")+g.chars(digits, 3)+" "+g.chars(digits, 5)
			case 7:
				label, p = "+61", "+61 4"+g.chars(digits, 2)+" "+g.chars(digits, 3)+" "+g.chars(digits, 3)
			default:
				label, p = "compact", g.pick("+447", "+4915", "+336", "+5511")+g.chars(digits, 9)
			}
			line, s := g.around(g.phoneContext(p), p)
			return Case{Label: label, Text: line, Secrets: s}
		}},
		{Name: "phone-nanp", Kind: Positive, Group: "pii", Asserted: true, N: 60, Gen: func(g *gen) Case {
			a, e, l := g.nanp()
			var p, label string
			switch g.intn(6) {
			case 0:
				label, p = "(aaa) eee-llll", fmt.Sprintf("(%s) %s-%s", a, e, l)
			case 1:
				label, p = "aaa-eee-llll", fmt.Sprintf("%s-%s-%s", a, e, l)
			case 2:
				label, p = "aaa.eee.llll", fmt.Sprintf("%s.%s.%s", a, e, l)
			case 3:
				label, p = "1-aaa-eee-llll", fmt.Sprintf("1-%s-%s-%s", a, e, l)
			case 4:
				label, p = "+1 (aaa) eee-llll", fmt.Sprintf("+1 (%s) %s-%s", a, e, l)
			default:
				label, p = "plain after phone word", a+e+l
				kw := g.pick("phone=", "phone: ", "tel: ", "mobile=", "Phone number: ", `"phone":"`)
				inner := kw + p
				if strings.HasSuffix(kw, `"`) {
					inner += `"`
				}
				line, s := g.around(inner, p)
				return Case{Label: label, Text: line, Secrets: s}
			}
			line, s := g.around(g.phoneContext(p), p)
			return Case{Label: label, Text: line, Secrets: s}
		}},
		{Name: "ssn", Kind: Positive, Group: "pii", Asserted: true, N: 50, Gen: func(g *gen) Case {
			a, b, c := g.ssn()
			var s, label string
			switch g.intn(4) {
			case 0, 1:
				label, s = "dashed", a+"-"+b+"-"+c
			case 2:
				label, s = "spaced", a+" "+b+" "+c
			default:
				label, s = "plain after SSN", a+b+c
			}
			var inner string
			switch g.intn(5) {
			case 0:
				inner = "ssn=" + s
			case 1:
				inner = "SSN: " + s
			case 2:
				inner = fmt.Sprintf(`{"name":"%s","ssn":"%s"}`, g.pick("J. Doe", "Maria K."), s)
			case 3:
				inner = "applicant social security number " + s + " verified"
			default:
				inner = fmt.Sprintf("%s,%s,SSN %s", g.pick("Doe", "Kim"), g.stamp().date(), s)
			}
			if label == "dashed" && g.chance(0.3) {
				inner = fmt.Sprintf("tax form received, id %s attached", s)
			}
			line, sec := g.around(inner, s)
			return Case{Label: label, Text: line, Secrets: sec}
		}},
		{Name: "iban", Kind: Positive, Group: "pii", Asserted: true, N: 50, Gen: func(g *gen) Case {
			ib := g.iban()
			if g.chance(0.45) {
				ib = groupIBAN(ib)
			}
			var inner string
			switch g.intn(5) {
			case 0:
				inner = "iban=" + strings.ReplaceAll(ib, " ", "")
				ib = strings.ReplaceAll(ib, " ", "")
			case 1:
				inner = "IBAN: " + ib
			case 2:
				inner = fmt.Sprintf(`{"beneficiary":"%s","iban":"%s","amount":"129.90"}`, g.pick("ACME GmbH", "J. Martin"), ib)
			case 3:
				inner = fmt.Sprintf("SEPA transfer to %s failed: insufficient funds", ib)
			default:
				inner = fmt.Sprintf("payout account %s (%s) updated", ib, ib[:2])
			}
			line, s := g.around(inner, ib)
			return Case{Label: ib[:2], Text: line, Secrets: s}
		}},
	}
}

func (g *gen) cardContext(num string) string {
	switch g.intn(8) {
	case 7:
		if !strings.ContainsAny(num, " -") {
			return fmt.Sprintf(`{"order":%d,"card":%s,"currency":"EUR"}`, g.between(1000, 99999), num)
		}
		return "card: " + num
	case 0:
		return "card=" + num
	case 1:
		return fmt.Sprintf("payment method %s declined (insufficient funds)", num)
	case 2:
		return fmt.Sprintf(`{"card_number":"%s","exp":"%02d/%d","amount":4999}`, num, g.between(1, 12), g.between(26, 31))
	case 3:
		return fmt.Sprintf("%d,%s,%s,EUR", g.between(1, 99999), num, g.stamp().date())
	case 4:
		return "PAN: " + num
	case 5:
		return fmt.Sprintf("customer typed %s into the notes field", g.punct(num))
	default:
		return "cc_number=" + num
	}
}

func (g *gen) phoneContext(p string) string {
	switch g.intn(7) {
	case 0:
		return "phone=" + p
	case 1:
		return fmt.Sprintf("call back requested at %s after 5pm", p)
	case 2:
		return fmt.Sprintf(`{"name":"%s","phone":"%s"}`, g.pick("A. Smith", "Lee"), p)
	case 3:
		return fmt.Sprintf("SMS code sent to %s", g.punct(p))
	case 4:
		return "Tel: " + p
	case 5:
		return fmt.Sprintf("%s,%s,%s", g.pick("Okafor", "Tanaka"), p, g.pick("mobile", "home"))
	default:
		return fmt.Sprintf("contact %s for escalation", p)
	}
}

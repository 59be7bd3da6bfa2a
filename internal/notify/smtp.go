package notify

import (
	"context"
	"fmt"
	"net"
	"net/mail"
	"net/url"
	"strconv"
	"strings"
	"time"

	gomail "github.com/wneessen/go-mail"

	"github.com/danvan-vn/danvan/ent"
)

// SMTPConfig is a parsed DANVAN_SMTP_URL.
type SMTPConfig struct {
	Host     string
	Port     int
	Username string
	Password string
	// ImplicitTLS: smtps://, TLS from the first byte (port 465 by default).
	ImplicitTLS bool
	// StartTLS says whether STARTTLS is required (smtp:// to anything but this machine) or
	// only used when offered (smtp:// to 127.0.0.1 or localhost: a local relay or a test server).
	StartTLSRequired bool
}

// ParseSMTPURL reads smtp://user:pass@host:587 (STARTTLS, required unless the host is
// loopback; port 587 by default) or smtps://user:pass@host:465 (implicit TLS; port 465 by
// default). User and password are optional.
func ParseSMTPURL(raw string) (SMTPConfig, error) {
	u, err := url.Parse(raw)
	if err != nil {
		return SMTPConfig{}, fmt.Errorf("notify: SMTP URL: %v", err)
	}
	var c SMTPConfig
	switch u.Scheme {
	case "smtp":
		c.Port = 587
	case "smtps":
		c.Port, c.ImplicitTLS = 465, true
	default:
		return SMTPConfig{}, fmt.Errorf("notify: SMTP URL: scheme %q is not smtp or smtps", u.Scheme)
	}
	c.Host = u.Hostname()
	if c.Host == "" {
		return SMTPConfig{}, fmt.Errorf("notify: SMTP URL: no host")
	}
	if p := u.Port(); p != "" {
		n, err := strconv.Atoi(p)
		if err != nil || n < 1 || n > 65535 {
			return SMTPConfig{}, fmt.Errorf("notify: SMTP URL: port %q", p)
		}
		c.Port = n
	}
	if u.User != nil {
		c.Username = u.User.Username()
		c.Password, _ = u.User.Password()
	}
	c.StartTLSRequired = !c.ImplicitTLS && !isLoopback(c.Host)
	return c, nil
}

func isLoopback(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// client builds a go-mail client for the configuration.
func (c SMTPConfig) client() (*gomail.Client, error) {
	opts := []gomail.Option{gomail.WithPort(c.Port), gomail.WithTimeout(30 * time.Second)}
	switch {
	case c.ImplicitTLS:
		opts = append(opts, gomail.WithSSL())
	case c.StartTLSRequired:
		opts = append(opts, gomail.WithTLSPolicy(gomail.TLSMandatory))
	default:
		opts = append(opts, gomail.WithTLSPolicy(gomail.TLSOpportunistic))
	}
	if c.Username != "" {
		opts = append(opts, gomail.WithSMTPAuth(gomail.SMTPAuthAutoDiscover),
			gomail.WithUsername(c.Username), gomail.WithPassword(c.Password))
	}
	return gomail.NewClient(c.Host, opts...)
}

// DefaultFrom is the sender when DANVAN_MAIL_FROM is not set.
const DefaultFrom = "Hệ thống Dân vận <no-reply@danvan.local>"

// messageID is a mail's stable Message-ID: the same outbox row always carries the same one, so
// a resend after a crash between the send and its commit can be recognised by the receiver.
func (s *Service) messageID(id int) string {
	host := "danvan.local"
	if u, err := url.Parse(s.cfg.BaseURL); err == nil && u.Hostname() != "" {
		host = u.Hostname()
	}
	return fmt.Sprintf("mail-%d@%s", id, host)
}

// buildMsg turns an outbox row into a MIME message (plain text and HTML alternatives).
func (s *Service) buildMsg(m *ent.MailMessage) (*gomail.Msg, error) {
	msg := gomail.NewMsg(gomail.WithCharset(gomail.CharsetUTF8), gomail.WithEncoding(gomail.EncodingQP))
	fromAddr := s.cfg.From
	if fromAddr == "" {
		fromAddr = DefaultFrom
	}
	from, err := mail.ParseAddress(fromAddr)
	if err != nil {
		return nil, fmt.Errorf("notify: sender %q: %w", s.cfg.From, err)
	}
	msg.FromMailAddress(from)
	to := &mail.Address{Name: m.ToName, Address: m.ToAddr}
	if _, err := mail.ParseAddress(to.Address); err != nil {
		return nil, fmt.Errorf("notify: recipient %q: %w", m.ToAddr, err)
	}
	msg.ToMailAddress(to)
	msg.Subject(m.Subject)
	msg.SetMessageIDWithValue(s.messageID(m.ID))
	msg.SetDateWithValue(m.CreatedAt)
	msg.SetBulk()
	msg.SetBodyString(gomail.TypeTextPlain, m.TextBody)
	msg.AddAlternativeString(gomail.TypeTextHTML, m.HTMLBody)
	return msg, nil
}

// sender sends outbox rows over one SMTP connection, opened on the first mail and again after
// an error.
type sender struct {
	cfg    SMTPConfig
	client *gomail.Client
	open   bool
}

func (d *sender) send(ctx context.Context, msg *gomail.Msg) error {
	if d.client == nil {
		c, err := d.cfg.client()
		if err != nil {
			return err
		}
		d.client = c
	}
	if !d.open {
		if err := d.client.DialWithContext(ctx); err != nil {
			return fmt.Errorf("%w: %s:%d: %w", errDial, d.cfg.Host, d.cfg.Port, err)
		}
		d.open = true
	}
	if err := d.client.Send(msg); err != nil {
		d.close()
		return fmt.Errorf("notify: send: %w", err)
	}
	return nil
}

func (d *sender) close() {
	if d.client != nil && d.open {
		_ = d.client.Close()
	}
	d.open = false
}

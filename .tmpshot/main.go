package main

import (
	"context"
	"fmt"
	"os"
	"time"

	"github.com/chromedp/chromedp"
)

func main() {
	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath("/usr/bin/chromium"), chromedp.NoSandbox,
		chromedp.Flag("disable-background-networking", true), chromedp.WindowSize(1280, 900))
	actx, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancel()
	ctx, cancel := chromedp.NewContext(actx)
	defer cancel()
	ctx, cancel = context.WithTimeout(ctx, 60*time.Second)
	defer cancel()
	base := "http://127.0.0.1:8080"
	if err := chromedp.Do(ctx,
		chromedp.Navigate(base+"/login"),
		chromedp.SendKeys("#email", os.Args[1]),
		chromedp.SendKeys("#password", "danvan-demo-2026"),
		chromedp.Submit("#password"),
		chromedp.Sleep(time.Second),
	); err != nil {
		panic(err)
	}
	for i := 2; i+1 < len(os.Args); i += 2 {
		if err := chromedp.Do(ctx, chromedp.Navigate(base+os.Args[i]), chromedp.Sleep(800*time.Millisecond)); err != nil {
			panic(err)
		}
		buf, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
		if err != nil {
			panic(err)
		}
		_ = os.WriteFile(os.Args[i+1], buf, 0o644)
		fmt.Println("wrote", os.Args[i+1])
	}
}
